import Testing
@testable import Rasid
import RasidTestSupport

/// The byte-level and cached paths of relation resolution and output against the plain
/// definitions they replace.
@Suite struct FastPathTests {
    /// Code points the folding or White_Space touches, their neighbours, and others of every UTF-8 length.
    static let interesting: [UInt32] = Array(0x00...0x22) + [0x41, 0x5C, 0x7E, 0x7F, 0x80, 0x84, 0x85, 0x86, 0x9F, 0xA0, 0xA1, 0xE9]
        + Array(0x0600...0x0700) + Array(0x06EF...0x06FA) + [0x1680, 0x1681, 0x167F, 0x1FFF]
        + Array(0x2000...0x2030) + [0x205E, 0x205F, 0x2060, 0x2FFF, 0x3000, 0x3001, 0xFEFF, 0xFFFD, 0x1F600, 0x10FFFF]

    /// `count` scalars drawn from `alphabet`.
    static func draw(_ count: Int, from alphabet: [UInt32], _ g: inout SplitMix64) -> [Unicode.Scalar] {
        (0..<count).map { _ in Unicode.Scalar(alphabet[g.below(alphabet.count)])! }
    }

    /// A string of fewer than `limit` scalars drawn from `alphabet`, with its scalars (for messages).
    static func drawString(below limit: UInt64, from alphabet: [UInt32], _ g: inout SplitMix64) -> (text: String, scalars: [Unicode.Scalar]) {
        let scalars = draw(Int(g.next() % limit), from: alphabet, &g)
        return (String(String.UnicodeScalarView(scalars)), scalars)
    }

    @Test func comparisonKeyIsTheScalarDefinitionOnEveryCodePoint() {
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = String(Character(scalar)) + "ب"
            if ArabicFolding.comparisonKey(s) != ArabicFolding.comparisonKeyByScalars(s) {
                Issue.record("U+\(String(v, radix: 16))")
            }
        }
    }

    @Test func comparisonKeyIsTheScalarDefinitionOnMixedText() {
        var g = SplitMix64(seed: 11)
        #expect(ArabicFolding.comparisonKey("") == "")
        for _ in 0..<20_000 {
            let (s, scalars) = Self.drawString(below: 30, from: Self.interesting, &g)
            #expect(ArabicFolding.comparisonKey(s) == ArabicFolding.comparisonKeyByScalars(s), "\(scalars.map(\.value))")
        }
    }

    /// Posts pieced from the words, proclitics and endings the normaliser looks for, with the
    /// scalars where characters and scalars part (marks after white space, CR LF, joiners,
    /// prepended signs, decomposed hamza): the plain path must give the definition's post, and
    /// must be the one taken on most of them.
    @Test func plainRoleNormalizerIsTheCharacterDefinition() {
        let pieces = ["و", "ف", "ب", "ل", "ك", "ال", "لل", "أمين", "امين", "أمينة", "مساعد", "مساعدة", "عام", "عامة", "قائم",
                      "قائمة", "أمناء", "الأمناء", "ين", "ان", "ا", "ات", "ة", "ه", "التنظيم", "المحافظة", "ى", "آ", "إ", "ؤ", "ئ",
                      "x", "1", "٣", "ً", "ٌ", "ّ", "ـ", "ٰ", " ", " ", " ", "\t", "\n", "\r", "\r\n", "\u{0653}", "\u{0654}",
                      "\u{200D}", "\u{0600}", "\u{00A0}", "\u{0301}", "🇪🇬"]
        var g = SplitMix64(seed: 29)
        var plain = 0
        let trials = 20_000
        for _ in 0..<trials {
            let role = (0..<g.below(9)).map { _ in pieces[g.below(pieces.count)] }.joined()
            let fast = PlainRoleNormalizer.normalize(role)
            if fast != nil { plain += 1 }
            #expect(RoleNormalizer.normalize(role) == RoleNormalizer.normalizeByCharacters(role), "\(role.unicodeScalars.map(\.value))")
            #expect(fast == nil || fast == RoleNormalizer.normalizeByCharacters(role), "\(role.unicodeScalars.map(\.value))")
        }
        #expect(plain > trials / 10 && plain < trials)
        for role in ["وأمينًا مساعدًا", "الأمينين المساعدين", "أمينةً", "للأمين العام", "الأمناء", "أمينات"] {
            #expect(PlainRoleNormalizer.normalize(role) == RoleNormalizer.normalizeByCharacters(role), "\(role)")
        }
    }

    /// JSON escaping one byte at a time, as the writer did before it copied runs.
    static func plainQuoted(_ s: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for b in s.utf8 {
            switch b {
            case 0x22: out += Array(#"\""#.utf8)
            case 0x5C: out += Array(#"\\"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case ..<0x20: out += Array(#"\u00"#.utf8) + Array((b < 0x10 ? "0" : "").utf8) + Array(String(b, radix: 16).utf8)
            default: out.append(b)
            }
        }
        out.append(0x22)
        return out
    }

    @Test func stringsAreEscapedAsByteByByte() {
        var g = SplitMix64(seed: 5)
        for _ in 0..<20_000 {
            let count = Int(g.next() % 40)
            // Specials rarely, as in text; runs longer and shorter than eight bytes.
            let scalars = (0..<count).map { _ in
                Unicode.Scalar(g.next() % 6 == 0 ? UInt32(g.next() % 0x23) : Self.interesting[Int(g.next() % UInt64(Self.interesting.count))])!
            }
            let s = String(String.UnicodeScalarView(scalars))
            var w = JSONWriter()
            w.string(s)
            #expect(w.bytes == Self.plainQuoted(s), "\(scalars.map(\.value))")
            var m = JSONWriter()
            m.string(s, after: ",\"k\":\"")
            #expect(m.bytes == Array(",\"k\":".utf8) + Self.plainQuoted(s))
        }
    }

    @Test func exactTextIsEqualOnlyToTheSameBytes() {
        // Canonically equivalent spellings (أ and ا + hamza above) are different keys here.
        let strings = ["", "a", "حزب", "أمين", "ا\u{0654}مين", "أمين ", "أمين التنظيم", "أمين التنظيف",
                       String(repeating: "ب", count: 40), String(repeating: "ب", count: 41)]
        for a in strings {
            for b in strings {
                #expect((ExactText(a) == ExactText(b)) == (Array(a.utf8) == Array(b.utf8)), "\(a) \(b)")
                if Array(a.utf8) == Array(b.utf8) { #expect(ExactText(a).hashValue == ExactText(String(decoding: Array(b.utf8), as: UTF8.self)).hashValue) }
            }
        }
        var table: [ExactText: Int] = [:]
        for (n, s) in strings.enumerated() { table[ExactText(s)] = n }
        #expect(table.count == strings.count)
        for (n, s) in strings.enumerated() { #expect(table[ExactText(s)] == n) }
    }

    @Test func reservedKeysAreTheListedOnes() {
        for key in ExtractionEncoder.reservedEntityKeys { #expect(ExtractionEncoder.isReserved(key)) }
        for key in ["id", "subtype", "rule", "Start", "texts", "", "sourc"] { #expect(!ExtractionEncoder.isReserved(key)) }
    }

    @Test func entitiesAreWrittenWithSortedUnreservedFeatures() {
        let entities = [
            Entity(start: 0, end: 3, type: "PARTY", text: "حزب \"x\"", canonical: "حزب الوفد", source: "a.lst:1",
                   features: ["subtype": "p", "id": "wafd", "text": "no", "category": "c\n"]),
            Entity(start: 10, end: 12, type: "PLACE", text: "مصر", source: "r", features: ["source": "no"]),
            Entity(start: 20, end: 1234, type: "PERSON", text: "\\", source: "r", features: ["title": "د"]),
        ]
        var w = JSONWriter()
        ExtractionEncoder.writeEntities(entities, to: &w)
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"[{"start":0,"end":3,"type":"PARTY","text":"حزب \"x\"","canonical":"حزب الوفد","source":"a.lst:1","category":"c\n","id":"wafd","subtype":"p"},{"start":10,"end":12,"type":"PLACE","text":"مصر","source":"r"},{"start":20,"end":1234,"type":"PERSON","text":"\\","source":"r","title":"د"}]"#)
        var bare = JSONWriter()
        ExtractionEncoder.writeEntities(entities, to: &bare, withProvenance: false)
        #expect(String(decoding: bare.bytes, as: UTF8.self).hasPrefix(#"[{"start":0,"end":3,"type":"PARTY","text":"حزب \"x\""},{"start":10"#))
    }

    @Test func relationsAreWrittenWithTheirOptionalFields() {
        let relations = [
            Relation(type: "MEMBER_OF", person: "أ", org: "ب", role: "أمين", party: "حزب", place: "ج", source: "r",
                     evidence: 1..<9, trigger: 2..<3),
            Relation(type: "MEMBER_OF", person: "د", org: "ه", evidence: 4..<5),
            Relation(type: "X", person: "\t", org: "o"),
        ]
        var w = JSONWriter()
        ExtractionEncoder.writeRelations(relations, to: &w)
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"[{"type":"MEMBER_OF","person":"أ","org":"ب","role":"أمين","party":"حزب","place":"ج","source":"r","evidence":{"start":1,"end":9,"trigger_start":2,"trigger_end":3}},{"type":"MEMBER_OF","person":"د","org":"ه","evidence":{"start":4,"end":5}},{"type":"X","person":"\t","org":"o"}]"#)
    }

    @Test func arabicKeysOfEquivalentSpellingsMeet() {
        // أ and ا + hamza above are canonically equivalent; long keys span several packed words.
        let composed = "أمين التنظيم بحزب مستقبل وطن بمحافظة الجيزة", decomposed = "ا\u{0654}مين التنظيم بحزب مستقبل وطن بمحافظة الجيزة"
        var table: [ArabicKey: Int] = [ArabicKey(composed): 1]
        #expect(table[ArabicKey(decomposed)] == 1)
        table[ArabicKey("أمين التنظيم بحزب مستقبل وطن بمحافظة الجيزه")] = 2
        #expect(table.count == 2)
    }

    /// `ArabicKey`'s equality (letter digest, then bytes, then `String`'s) is `String`'s, and equal
    /// keys hash alike: on random strings over letters, marks that compose with them (U+0653–U+0655),
    /// their precomposed forms, and other characters, with pairs made equivalent by decomposing.
    @Test func arabicKeyEqualityIsStringEquality() {
        let alphabet: [UInt32] = [0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627, 0x0628, 0x0629, 0x062A, 0x0647,
                                  0x0648, 0x064A, 0x0649, 0x06C0, 0x06C1, 0x06C2, 0x06D2, 0x06D3, 0x06D5, 0x0653, 0x0654,
                                  0x0655, 0x064E, 0x0650, 0x0020, 0x0001, 0x0061, 0x00E9, 0x0065, 0x0301]
        var g = SplitMix64(seed: 29)
        func random() -> String { Self.drawString(below: 12, from: alphabet, &g).text }
        var equalPairs = 0
        for _ in 0..<20_000 {
            let a = random()
            // Half the pairs are a string and a variant of it: its NFD, or one scalar changed.
            let b: String
            switch g.next() % 4 {
            case 0: b = String(String.UnicodeScalarView(a.decomposedScalars))
            case 1: b = a
            default: b = random()
            }
            let ka = ArabicKey(a), kb = ArabicKey(b)
            #expect((ka == kb) == (a == b), "\(a.unicodeScalars.map(\.value)) \(b.unicodeScalars.map(\.value))")
            if a == b {
                equalPairs += 1
                #expect(ka.hashValue == kb.hashValue)
            }
        }
        #expect(equalPairs > 5_000)
    }

    /// The letter digest read byte by byte is the one of the letters found scalar by scalar, on
    /// the code points `interesting` lists (the Arabic block whole, others of every UTF-8 length).
    @Test func letterDigestIsTheScalarDefinition() {
        var g = SplitMix64(seed: 37)
        for _ in 0..<20_000 {
            let (s, scalars) = Self.drawString(below: 40, from: Self.interesting, &g)
            var digest = ArabicKey.LetterDigest()
            digest.add(s)
            #expect(digest.value == ArabicKey.LetterDigest.byScalars(s), "\(scalars.map(\.value))")
        }
    }

    /// The letters of a string read folded are those of its `comparisonKey`.
    @Test func foldedLetterDigestIsTheKeysDigest() {
        var g = SplitMix64(seed: 41)
        for _ in 0..<20_000 {
            let (s, scalars) = Self.drawString(below: 40, from: Self.interesting, &g)
            var folded = ArabicKey.LetterDigest(), ofKey = ArabicKey.LetterDigest()
            folded.addFolded(s)
            ofKey.add(ArabicFolding.comparisonKey(s))
            #expect(folded.value == ofKey.value, "\(scalars.map(\.value))")
        }
    }

    /// `RelationKey`s are equal exactly when their joined strings (the person's key, the org, the
    /// type) are, and their digest is the joined string's `ArabicKey` digest: parts with letters,
    /// the letters folding changes, marks, precomposed letters, ASCII, U+0001 (the separator
    /// itself) and empty parts.
    @Test func relationKeyIsTheJoinedString() {
        let alphabet: [UInt32] = [0x0621, 0x0623, 0x0627, 0x0628, 0x0647, 0x0654, 0x0653, 0x0622, 0x0020, 0x0001, 0x0061,
                                  0x0629, 0x0624, 0x0626, 0x0649, 0x064A, 0x064E]
        var g = SplitMix64(seed: 31)
        func random() -> String { Self.drawString(below: 5, from: alphabet, &g).text }
        func variant(_ s: String) -> String {
            switch g.next() % 3 {
            case 0: return s
            case 1: return String(String.UnicodeScalarView(s.decomposedScalars))
            default: return random()
            }
        }
        var equal = 0
        for _ in 0..<20_000 {
            let (p, o, t) = (random(), random(), ["secretary_of", "head_of", random()][Int(g.next() % 3)])
            let a = RelationKey(person: p, org: o, type: t), b = RelationKey(person: variant(p), org: variant(o), type: variant(t))
            // The person as written, compared by its key.
            let joinedA = ArabicFolding.comparisonKey(p) + "\u{1}" + o + "\u{1}" + t
            let joinedB = ArabicFolding.comparisonKey(b.person) + "\u{1}" + b.org + "\u{1}" + b.type
            #expect(a.letters == ArabicKey(joinedA).letters && b.letters == ArabicKey(joinedB).letters)
            #expect((a == b) == (joinedA == joinedB), "\(joinedA.unicodeScalars.map(\.value)) \(joinedB.unicodeScalars.map(\.value))")
            if a == b { equal += 1; #expect(a.hashValue == b.hashValue) }
        }
        #expect(equal > 3_000)
    }

    /// The cache's answers are what their definitions give, for spellings that are canonically
    /// equivalent but fold differently (`آ` and `ا` + U+0653), and once the cache has emptied itself.
    @Test func roleCacheAnswersAsItsDefinitions() {
        let cache = RoleCache(capacity: 2)
        let references = ["الأمانة", "الحزب", "المحافظة", "الآمانة", "الا\u{0653}مانة", "أمانة الحزب"]
        let parties = ["الوفد", "حزب الوفد", "الحزب الناصري", "حزبٓ", "مستقبل وطن"]
        for _ in 0..<3 {
            for text in references {
                let key = ArabicFolding.comparisonKey(text)
                let r = cache.reference(text)
                #expect(r.toParty == key.hasSuffix("حزب") && r.toSecretariat == key.hasSuffix("امانه") && r.toGovernorate == key.hasSuffix("محافظه"), "\(text)")
            }
            for name in parties {
                let key = ArabicFolding.comparisonKey(name)
                let written = key.hasPrefix("حزب") || key.hasPrefix("الحزب") ? name : "حزب " + name
                #expect(cache.party(name) == (written, ArabicFolding.comparisonKey(written)), "\(name)")
            }
            for role in ["أمين مساعد", "الأمين العام", "أمين الحزب بالمحافظة", "أمينة المرأة"] {
                let post = cache.post(role), key = ArabicFolding.comparisonKey(RoleNormalizer.normalize(role))
                #expect(post.written == RoleNormalizer.normalize(role))
                #expect(post.isAssistant == key.containsKey("مساعد") && post.isGeneral == key.containsKey("عام")
                        && post.isOfGovernorate == key.hasSuffix("المحافظه"), "\(role)")
            }
        }
    }
}

private extension String {
    /// The scalars with the precomposed letters listed here decomposed: a canonically equivalent
    /// string with other bytes.
    var decomposedScalars: [Unicode.Scalar] {
        let decompositions: [UInt32: [UInt32]] = [0x0622: [0x0627, 0x0653], 0x0623: [0x0627, 0x0654], 0x0624: [0x0648, 0x0654],
                                                  0x0625: [0x0627, 0x0655], 0x0626: [0x064A, 0x0654], 0x06C0: [0x06D5, 0x0654],
                                                  0x06C2: [0x06C1, 0x0654], 0x06D3: [0x06D2, 0x0654], 0x00E9: [0x0065, 0x0301]]
        return unicodeScalars.flatMap { s in (decompositions[s.value] ?? [s.value]).map { Unicode.Scalar($0)! } }
    }
}
