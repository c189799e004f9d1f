import Testing
@testable import Rasid
import RasidTestSupport

/// Entities written with their label's provenance bytes against the encoder writing every field:
/// byte for byte the same, on random entities (some with fields written after the bytes were
/// made, as the resolver and the API do, which must drop them) and on the eval documents'
/// extractions.
@Suite struct ProvenanceJSONTests {
    /// `entities` written by the plain path: without the bytes they carry.
    static func plainJSON(_ entities: [Entity]) -> [UInt8] {
        var w = JSONWriter()
        ExtractionEncoder.writeEntities(entities.map(withoutProvenance), to: &w)
        return w.bytes
    }

    /// `e` with a label of the same fields and no provenance bytes.
    static func withoutProvenance(_ e: Entity) -> Entity {
        Entity(start: e.start, end: e.end, document: e.document, textBytes: e.textBytes,
               label: EntityCandidate.Label(type: e.type, canonical: e.canonical, source: e.source, features: e.features))
    }

    /// `e` with its fields' provenance bytes on its label, as a gazetteer entry's hit has them.
    static func withProvenance(_ e: Entity) -> Entity {
        Entity(start: e.start, end: e.end, document: e.document, textBytes: e.textBytes,
               label: EntityCandidate.Label(type: e.type, canonical: e.canonical, source: e.source, features: e.features,
                                            provenance: ProvenanceJSON(canonical: e.canonical, source: e.source, features: e.features)))
    }

    static func json(_ entities: [Entity]) -> [UInt8] {
        var w = JSONWriter()
        ExtractionEncoder.writeEntities(entities, to: &w)
        return w.bytes
    }

    /// Short strings of the characters JSON escapes, ASCII, Arabic and beyond the BMP.
    static func randomString(_ g: inout SplitMix64) -> String {
        let alphabet: [Unicode.Scalar] = ["a", "z", "0", ":", "\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "\u{7F}",
                                          "ح", "ز", "ب", "\u{0654}", "\u{FEFF}", "\u{1F600}"]
        return String(String.UnicodeScalarView((0..<g.below(12)).map { _ in alphabet[g.below(alphabet.count)] }))
    }

    /// Feature names drawn so that some collide, some are reserved and some sort by non-ASCII.
    static func randomFeatures(_ g: inout SplitMix64) -> [String: String] {
        let names = ["id", "subtype", "category", "country", "text", "source", "canonical", "start", "end", "type",
                     "rule", "title", "title_category", "Z", "é", "حزب", ""]
        var features: [String: String] = [:]
        for _ in 0..<g.below(6) { features[names[g.below(names.count)]] = randomString(&g) }
        return features
    }

    @Test func prewrittenProvenanceIsWhatThePlainEncoderWrites() {
        var g = SplitMix64(seed: 11)
        for _ in 0..<3_000 {
            var entities: [Entity] = []
            for _ in 0..<g.below(5) {
                var e = Self.withProvenance(Entity(start: g.below(1000), end: g.below(100_000), type: Self.randomString(&g),
                                                   text: Self.randomString(&g), canonical: g.below(3) == 0 ? nil : Self.randomString(&g),
                                                   source: Self.randomString(&g), features: Self.randomFeatures(&g)))
                // Fields changed after the bytes were made (as the resolver merges features and
                // takes another candidate's source): a write gives the entity a new label without
                // the bytes, so these guard that no write leaves it the old label's bytes.
                switch g.below(8) {
                case 0: e.features[["id", "rule", "source"][g.below(3)]] = Self.randomString(&g)
                case 1: e.source += "x"
                case 2: e.canonical = e.canonical == nil ? "" : nil
                case 3: e.features = [:]
                case 4: e.type += "x"
                default: break
                }
                entities.append(e)
            }
            let fast = Self.json(entities), plain = Self.plainJSON(entities)
            #expect(fast == plain, "\(String(decoding: fast, as: UTF8.self))")
        }
    }

    @Test func changedFieldsAreNotWrittenFromTheirEntry() {
        var e = Self.withProvenance(Entity(start: 0, end: 3, type: "PLACE", text: "مصر", canonical: "مصر", source: "g.lst:1",
                                           features: ["id": "EG"]))
        e.features["rule"] = "place_rule"
        #expect(String(decoding: Self.json([e]), as: UTF8.self)
                == #"[{"start":0,"end":3,"type":"PLACE","text":"مصر","canonical":"مصر","source":"g.lst:1","id":"EG","rule":"place_rule"}]"#)
    }

    @Test func prewrittenProvenanceTakesNoPartInEquality() {
        let e = Entity(start: 0, end: 3, type: "PLACE", text: "مصر", source: "g.lst:1")
        var f = Self.withProvenance(e)
        #expect(e == f)
        f.source = "h.lst:2"
        #expect(e != f)
    }

    @Test func evalExtractionsAreWrittenAsByThePlainEncoder() throws {
        let worker = try Pipeline().makeWorker()
        var prewritten = 0
        for text in try EvalTexts.dev() {
            let entities = try worker.extract(text).entities
            prewritten += entities.filter { $0.label.provenance != nil }.count
            #expect(Self.json(entities) == Self.plainJSON(entities))
        }
        // The documents' gazetteer hits did take the fast path.
        #expect(prewritten > 100)
    }

    /// Features as the plain definition writes them: the reserved names left out (by the set),
    /// the rest sorted by key with `sorted`, for every count (the fast paths for one, two, and
    /// up to `insertionSortedUpTo` sorted on the stack, and more).
    @Test func featuresAreWrittenAsThePlainDefinition() {
        var g = SplitMix64(seed: 13)
        let names = ["id", "subtype", "category", "country", "text", "source", "canonical", "start", "end", "type",
                     "rule", "title", "title_category", "Z", "é", "حزب", "", "governorate", "status", "a", "b", "c"]
        // Some with more features than are sorted by insertion (`insertionSortedUpTo`).
        var sortedMany = 0
        let many = names + (0..<30).map { "f\($0)" }
        for _ in 0..<5_000 {
            var features: [String: String] = [:]
            if g.below(8) == 0 {
                for _ in 0..<g.below(60) { features[many[g.below(many.count)]] = Self.randomString(&g) }
            } else {
                for _ in 0..<g.below(10) { features[names[g.below(names.count)]] = Self.randomString(&g) }
            }
            var fast = JSONWriter(), plain = JSONWriter()
            ExtractionEncoder.writeFeatures(features, to: &fast)
            for (key, value) in features.sorted(by: { $0.key < $1.key }) where !ExtractionEncoder.reservedEntityKeys.contains(key) {
                plain.raw(","); plain.string(key); plain.raw(":"); plain.string(value)
            }
            let (written, expected) = (fast.bytes, plain.bytes)
            #expect(written == expected, "\(features)")
            if features.count > ExtractionEncoder.insertionSortedUpTo { sortedMany += 1 }
        }
        #expect(sortedMany > 100)
        for name in names { #expect(ExtractionEncoder.isReserved(name) == ExtractionEncoder.reservedEntityKeys.contains(name)) }
    }
}
