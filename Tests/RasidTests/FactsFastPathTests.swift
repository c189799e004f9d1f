import Foundation
import Testing
@testable import Rasid
import RasidTestSupport

/// The per-document shortcuts of the rule stage outside the rule VM, each against its plain
/// definition: the opener index's masks read through `TokenMaskColumns`, annotations added
/// through an `AnnotationBatch`, the code points' UTF-8 offsets taken a word at a time, and the
/// rules' word ids written through buffers.
@Suite struct FactsFastPathTests {
    static let pipeline = try! Pipeline()

    /// The opener index with the bits its filters read finds, at every token of real documents,
    /// the rules whose filter admits the token one by one (and `admits` through the columns
    /// answers as `admits` through the facts).
    @Test func openerIndexFindsTheRulesEachFilterAdmits() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        var admittedSome = 0, checked = 0
        for text in try EvalTexts.dev() {
            let (_, facts) = try EvalTexts.factsWithEntities(text, worker)
            for phase in engine.matchers {
                for base in stride(from: 0, to: phase.count, by: 64) {
                    let filters = phase[base..<min(base + 64, phase.count)].map(\.openerFilter)
                    let index = OpenerIndex(filters)
                    facts.withMaskColumns { columns in
                        for i in facts.tokens.indices {
                            var expected: UInt64 = 0
                            for (k, f) in filters.enumerated() where facts.admits(f, at: i) { expected |= 1 << UInt64(k) }
                            #expect(index.rules(at: i, columns, in: facts) == expected)
                            for f in filters { #expect(facts.admits(f, at: i, columns) == facts.admits(f, at: i)) }
                            if expected & ~index.anywhere != 0 { admittedSome += 1 }
                            checked += 1
                        }
                    }
                }
            }
        }
        // Real work: tokens some rule opens at beyond those that open anywhere, and more that none does.
        #expect(admittedSome > 100 && checked > 2 * admittedSome)
    }

    static func describe(_ facts: DocumentFacts) -> [String] {
        facts.tokens.indices.map { i in
            let annotations = facts.annotations(startingAt: i).map { "\($0.typeBit):\($0.firstToken)-\($0.endToken)@\($0.start)-\($0.end)" }
            // Without rules only the annotations and the masks covering each token are kept.
            guard facts.forRules else { return "\(annotations) cover=\(facts.coverMasks[i])" }
            return "\(annotations) cover=\(facts.coverMasks[i]) start=\(facts.startMasks[i]) whole=\(facts.knownWhole[i]) shape=\(facts.shape(i))"
        } + (facts.forRules ? (0..<64).map { "longest \($0)=\(facts.longestAnnotation(bit: $0))" } : [])
    }

    /// Annotations added through one batch leave the facts as `add` one by one does (a batch of
    /// one each): lists per token, masks, whole words (and the spellings worked out before they
    /// changed), longest spans; with facts made for rules and without (the gazetteer-only
    /// path). Annotations outside the tokens (a first token below 0, an end past the last, or
    /// none between) are left out by both.
    @Test func batchAddsAsAddDoes() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        var generator = SplitMix64(seed: 53)
        var added = 0, leftOut = 0
        for text in try EvalTexts.dev().prefix(12) { for forRules in [true, false] {
            let tokenized = try worker.tokenize(text)
            let one = DocumentFacts(tokenized, original: text, vocabulary: engine.vocabulary, tests: engine.tests, entries: worker.entries,
                                    forRules: forRules)
            let batched = DocumentFacts(tokenized, original: text, vocabulary: engine.vocabulary, tests: engine.tests, entries: worker.entries,
                                        forRules: forRules)
            let n = tokenized.tokens.count
            guard n > 0 else { continue }
            // Spellings worked out before some tokens become whole words (which changes `conj`).
            if forRules { for i in stride(from: 0, to: n, by: 3) { _ = one.shape(i); _ = batched.shape(i) } }
            let annotations: [(Annotation, Bool)] = (0..<(2 * n)).map { _ in
                // Now and then before the first token, one past the tokens, or empty: left out.
                let first = Int.random(in: -2..<n, using: &generator)
                let end = first + Int.random(in: 0...3, using: &generator)
                let bit: UInt64 = Int.random(in: 0..<8, using: &generator) == 0 ? 0 : 1 << UInt64.random(in: 0..<64, using: &generator)
                let at = Int(tokenized.tokens[max(first, 0)].start)
                let start = Bool.random(using: &generator) ? at : at + 1
                let a = Annotation(typeBit: bit, firstToken: Int32(first), endToken: Int32(end), start: Int32(start), end: Int32(start + 1),
                                   features: .none)
                return (a, Bool.random(using: &generator))
            }
            for (a, cliticFree) in annotations { one.add(a, cliticFree: cliticFree) }
            batched.withAnnotationBatch(count: annotations.count) { batch in
                for (a, cliticFree) in annotations { batch.add(a, cliticFree: cliticFree) }
            }
            #expect(Self.describe(batched) == Self.describe(one))
            // The plain definition of what is left out.
            let kept = annotations.filter { a, _ in 0 <= a.firstToken && a.firstToken < a.endToken && Int(a.endToken) <= n }
            #expect(batched.annotations.count == kept.count && one.annotations.count == kept.count)
            added += annotations.count
            leftOut += annotations.count - kept.count
        } }
        #expect(added > 1000 && leftOut > 100)
    }

    /// Every code point's UTF-8 offset, and one past the end: where a byte is no continuation byte.
    @Test func codePointOffsetsAreWhereCodePointsStart() throws {
        var generator = SplitMix64(seed: 59)
        let pieces = ["a", " ", "é", "حسن", "، ", "€", "😀", "\u{0651}", "٣"]
        var texts = ["", "a", "😀", "حسن"]
        for length in [1, 3, 7, 8, 9, 15, 16, 17, 100] {
            texts.append((0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        texts += try EvalTexts.dev().prefix(3)
        for text in texts {
            let bytes = Array(text.utf8)
            let plain = bytes.indices.filter { bytes[$0] & 0xC0 != 0x80 }.map(Int32.init) + [Int32(bytes.count)]
            #expect(bytes.withUnsafeBufferPointer(DocumentFacts.codePointOffsets) == plain)
        }
    }

    /// The rules' word ids and lists of each token and its proclitic splits, as the vocabulary
    /// looks each word up.
    @Test func wordIDsAreTheVocabularys() throws {
        let worker = try Self.pipeline.makeWorker()
        let vocabulary = Self.pipeline.engine.vocabulary
        var named = 0, stems = 0
        for text in try EvalTexts.dev().prefix(12) {
            let (tokenized, facts) = try EvalTexts.factsWithEntities(text, worker)
            for i in tokenized.tokens.indices {
                let (id, stemIDs) = tokenized.withUnits(of: i) { word in
                    var stemIDs: [Int32] = []
                    CliticAnalyzer.forEachSplit(of: word) { split in
                        stemIDs.append(CliticAnalyzer.withStem(of: word, split) { vocabulary.lexicon.id(of: $0) })
                    }
                    return (vocabulary.lexicon.id(of: word), stemIDs)
                }
                #expect(facts.wordIDs[i] == id)
                #expect(facts.listMasks[i] == vocabulary.mask(of: id))
                #expect(facts.stemListMasks[i] == stemIDs.reduce(0) { $0 | vocabulary.mask(of: $1) })
                #expect(facts.wordBits[i] == stemIDs.reduce(DocumentFacts.wordBit(id)) { $0 | DocumentFacts.wordBit($1) })
                var found: [Int32] = []
                facts.forEachStemID(of: i) { found.append($0) }
                #expect(found == stemIDs)
                if id >= 0 { named += 1 }
                stems += stemIDs.count
            }
        }
        #expect(named > 100 && stems > 100)
    }
}
