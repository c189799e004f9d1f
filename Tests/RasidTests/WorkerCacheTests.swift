import Testing
@testable import Rasid
import RasidTestSupport

/// The per-worker caches give what they cache, also once full (they evict or empty themselves to stay bounded).
@Suite struct WorkerCacheTests {
    @Test func entryCacheGivesTheGazetteersEntries() throws {
        let gazetteer = try Pipeline().gazetteer
        let cache = GazetteerEntryCache(gazetteer, capacity: 7)
        #expect(gazetteer.entryCount > 100)
        for pass in 0..<2 {
            for index in stride(from: 0, to: gazetteer.entryCount, by: 13) {
                let cached = cache.entry(Int32(index)), entry = gazetteer.entry(at: index)
                #expect(cached.index == Int32(index))
                #expect(gazetteer.entries.typeNames[cached.typeIndex] == entry.type)
                #expect(cached.type == entry.type && cached.canonical == entry.canonical, "entry \(index), pass \(pass)")
                #expect(cached.features == entry.features && cached.source == entry.source, "entry \(index), pass \(pass)")
            }
        }
    }

    /// A feature read from the entry table is the one in the entry's features, for every key an
    /// entry has and for keys it lacks.
    @Test func entryFeaturesReadFromTheTableAreTheEntrysFeatures() throws {
        let gazetteer = try Pipeline().gazetteer
        let cache = GazetteerEntryCache(gazetteer, capacity: 7)
        let keys = Set(gazetteer.entries.keyNames).union(["", "absent", "common_word"])
        var withFeatures = 0
        for index in 0..<gazetteer.entryCount {
            let features = gazetteer.entry(at: index).features
            if !features.isEmpty { withFeatures += 1 }
            for key in keys { #expect(cache.feature(key, of: Int32(index)) == features[key], "entry \(index), \(key)") }
        }
        #expect(withFeatures > 100)
    }

    /// The label cache gives each entry's label made for it (against a plain table of every label
    /// made), with few slots (evictions, and slots reused) and entries asked for in random order.
    @Test func candidateLabelCacheGivesEachEntrysLabel() {
        let cache = CandidateLabelCache(entryCount: 1_000, capacity: 7)
        var made: [Int32: EntityCandidate.Label] = [:], makes = 0
        var g = SplitMix64(seed: 5)
        for _ in 0..<5_000 {
            let index = Int32(g.next() % 40)
            var madeNow = false
            let label = cache.label(index) {
                madeNow = true
                makes += 1
                return EntityCandidate.Label(type: "T\(index)", canonical: nil, source: "s:\(index)", features: [:])
            }
            #expect(label.source == "s:\(index)")
            if madeNow { made[index] = label } else { #expect(label === made[index]) }
        }
        // Seven slots for forty entries: most look-ups miss, but a repeat in a slot hits.
        #expect(makes > 40 && makes < 5_000)
        let one = CandidateLabelCache(entryCount: 1)
        let a = one.label(0) { .init(type: "A", canonical: "a", source: "x", features: ["k": "v"]) }
        #expect(one.label(0) { .init(type: "B", canonical: nil, source: "y", features: [:]) } === a)
    }

    /// A candidate reads and writes its fields as the plain struct did: a write makes it a label of
    /// its own (the others sharing the old one keep theirs), and equality is by the fields' values.
    @Test func candidatesSharingALabelKeepTheirOwnFields() {
        let shared = EntityCandidate.Label(type: "PLACE", canonical: "مصر", source: "p.lst:1", features: ["id": "EG"])
        let a = EntityCandidate(start: 0, end: 3, firstToken: 0, endToken: 1, label: shared, priority: 3, order: 0)
        var b = a
        b.features["rule"] = "r"
        b.canonical = nil
        b.source = "r"
        b.type = "PARTY"
        #expect(a.type == "PLACE" && a.canonical == "مصر" && a.source == "p.lst:1" && a.features == ["id": "EG"])
        #expect(b.type == "PARTY" && b.canonical == nil && b.source == "r" && b.features == ["id": "EG", "rule": "r"])
        #expect(a.label === shared && b.label !== shared)
        let plain = EntityCandidate(start: 0, end: 3, firstToken: 0, endToken: 1, type: "PLACE", canonical: "مصر", source: "p.lst:1",
                                    features: ["id": "EG"], priority: 3, order: 0)
        #expect(plain == a && plain != b)
        var other = plain
        other.order = 1
        #expect(other != a)
        other = plain
        other.features = [:]
        #expect(other != a)
    }

    /// Entities sharing a candidate's label read and write their fields as plain ones: a write
    /// gives one a label of its own, and equality is by the fields' values (not the provenance JSON).
    @Test func entitiesSharingALabelKeepTheirOwnFields() {
        let shared = EntityCandidate.Label(type: "PARTY", canonical: "حزب الوفد", source: "p.lst:3", features: ["id": "wafd"],
                                           provenance: ProvenanceJSON(canonical: "حزب الوفد", source: "p.lst:3", features: ["id": "wafd"]))
        let a = Entity(start: 4, end: 8, document: "الوفد", textBytes: 0..<"الوفد".utf8.count, label: shared)
        var b = a
        b.features["rule"] = "r"
        b.canonical = nil
        b.source = "r"
        b.type = "ORG"
        b.text = "وفد"
        #expect(a.type == "PARTY" && a.canonical == "حزب الوفد" && a.source == "p.lst:3" && a.features == ["id": "wafd"] && a.text == "الوفد")
        #expect(b.type == "ORG" && b.canonical == nil && b.source == "r" && b.features == ["id": "wafd", "rule": "r"] && b.text == "وفد")
        #expect(a.label === shared && b.label !== shared)
        let plain = Entity(start: 4, end: 8, type: "PARTY", text: "الوفد", canonical: "حزب الوفد", source: "p.lst:3", features: ["id": "wafd"])
        #expect(plain == a && plain != b && plain.label.provenance == nil && b.label.provenance == nil)
        for change in 0..<6 {
            var other = plain
            switch change {
            case 0: other.start = 5
            case 1: other.end = 9
            case 2: other.text = "x"
            case 3: other.type = "PLACE"
            case 4: other.canonical = "حزب"
            default: other.features = [:]
            }
            #expect(other != a, "\(change)")
        }
    }

    /// Entities' texts compare as the plain struct's `String`s did, though compared as bytes of
    /// their documents: cut from documents at different places, or held whole, and canonically
    /// equivalent texts of other bytes (`é` precomposed and decomposed) equal.
    @Test func entityTextsCompareAsStrings() {
        // In pairs (0 and 1, 2 and 3 …): the equivalent spellings side by side.
        let pieces = ["é", "e\u{301}", "e", "\u{301}", "\u{0627}\u{0653}", "\u{0622}", "ا", "x"]
        var g = SplitMix64(seed: 22)
        let label = EntityCandidate.Label(type: "PERSON", canonical: nil, source: "s", features: [:])
        var equivalent = 0
        for _ in 0..<5_000 {
            let xs = (0..<g.below(4)).map { _ in g.below(pieces.count) }
            // Half of the time the same pieces, each maybe spelt its other way (`é` precomposed or
            // not, `آ` or `ا` with madda above).
            let ys = g.below(2) == 0 ? xs.map { g.below(2) == 0 ? ($0 ^ 1) : $0 } : (0..<g.below(4)).map { _ in g.below(pieces.count) }
            let x = xs.map { pieces[$0] }.joined(), y = ys.map { pieces[$0] }.joined()
            // Each text inside a document of its own, after some other text.
            let before = ["", "x", "حزب "][g.below(3)]
            let a = Entity(start: 0, end: 1, document: before + x + "!", textBytes: before.utf8.count..<(before + x).utf8.count, label: label)
            let b = g.below(2) == 0 ? Entity(start: 0, end: 1, type: "PERSON", text: y, source: "s")
                : Entity(start: 0, end: 1, document: y + before, textBytes: 0..<y.utf8.count, label: label)
            #expect((a == b) == (x == y), "\(Array(x.unicodeScalars)) \(Array(y.unicodeScalars))")
            if x == y && Array(x.utf8) != Array(y.utf8) { equivalent += 1 }
        }
        #expect(equivalent > 500)
    }

    /// An entity is reflected (by `dump`, and in test failures) with its text, not its document's.
    @Test func entitiesAreReflectedWithTheirText() {
        let e = Entity(start: 4, end: 8, document: "قال حزب الوفد اليوم", textBytes: 14..<24,
                       label: EntityCandidate.Label(type: "PARTY", canonical: nil, source: "p.lst:3", features: ["id": "wafd"]))
        #expect(e.text == "الوفد")
        var dumped = ""
        dump(e, to: &dumped)
        #expect(dumped.contains("الوفد") && !dumped.contains("اليوم") && !dumped.contains("document"), "\(dumped)")
        #expect(Mirror(reflecting: e).children.map(\.label) == ["start", "end", "type", "text", "canonical", "source", "features"])
        #expect(String(describing: e).contains("text: \"الوفد\""), "\(e)")
    }

    @Test func roleCacheNormalisesAsTheNormaliser() {
        let roles = ["وأمينًا مساعدًا", "الأمينين المساعدين", "أمينةً", "أمين التنظيم", "للأمين العام", "كأمين"]
        let cache = RoleCache(capacity: 2)
        for _ in 0..<3 {
            for role in roles { #expect(cache.normalize(role) == RoleNormalizer.normalize(role)) }
        }
        #expect(cache.normalize("وأمينًا مساعدًا") == "أمين مساعد")
    }

    /// `writesHizb` as the comparison key says, for spellings seen before and new ones, across the
    /// cache's emptying when full (capacity 2).
    @Test func roleCacheSaysWhetherAMentionWritesHizbAsItsKey() {
        let mentions = ["حزب الوفد", "الوفد", "بحزب الوفد", "حِزب النور", "الحزب", "حزبي", "ح ز ب", "حـزب", "مستقبل وطن", ""]
        let cache = RoleCache(capacity: 2)
        var g = SplitMix64(seed: 21)
        for _ in 0..<200 {
            let mention = mentions[g.below(mentions.count)]
            #expect(cache.writesHizb(mention) == ArabicFolding.comparisonKey(mention).containsKey("حزب"), "\(mention)")
        }
    }
}
