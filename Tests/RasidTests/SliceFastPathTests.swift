import Foundation
import Testing
@testable import Rasid
import RasidTestSupport

/// `DocumentFacts.slice`, with facts made for rules and without, reads on from the previous slice,
/// 32 and 8 bytes at a time, reads on again from the text's start when a slice goes back, and goes
/// over to every code point's offset once slices went back more than `rereadLimit` times:
/// against the plain definition, the code points `start..<end` of the text.
@Suite struct SliceFastPathTests {
    static let pipeline = try! Pipeline()

    static func facts(_ text: String, _ worker: PipelineWorker, forRules: Bool) throws -> DocumentFacts {
        let engine = pipeline.engine
        return DocumentFacts(try worker.tokenize(text), original: text, vocabulary: engine.vocabulary, tests: engine.tests,
                             entries: worker.entries, forRules: forRules)
    }

    static func plain(_ text: String, _ start: Int, _ end: Int) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: Array(text.unicodeScalars)[start..<end])
        return String(scalars)
    }

    /// Texts of one- to four-byte code points, long enough to pass over whole words of 8 and 32
    /// bytes, and the empty text.
    static func texts() throws -> [String] {
        var generator = SplitMix64(seed: 43)
        let pieces = ["a", " ", "é", "حسن", "، ", "€", "😀", "\u{0651}", "x\u{0301}", "مدينة القاهرة ", "٣"]
        var texts = ["", "a", "😀", "حسن"]
        for length in [7, 8, 9, 31, 32, 33, 100, 400] {
            texts.append((0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        return try texts + EvalTexts.dev().prefix(3)
    }

    @Test func slicesInOrderAreTheCodePointsBetween() throws {
        let worker = try Self.pipeline.makeWorker()
        var generator = SplitMix64(seed: 47)
        for text in try Self.texts() { for forRules in [false, true] {
            let count = text.unicodeScalars.count
            // Ascending cuts, each slice from one to the next, and some empty ones.
            var cuts = (0..<min(count, 40)).map { _ in Int.random(in: 0...count, using: &generator) } + [0, count]
            cuts.sort()
            let facts = try Self.facts(text, worker, forRules: forRules)
            for (start, end) in zip(cuts, cuts.dropFirst()) {
                #expect(facts.slice(start, end) == Self.plain(text, start, end))
                #expect(facts.slice(end, end) == "")
            }
        } }
    }

    @Test func slicesInAnyOrderAreTheCodePointsBetween() throws {
        let worker = try Self.pipeline.makeWorker()
        var generator = SplitMix64(seed: 53)
        for text in try Self.texts() { for forRules in [false, true] {
            let count = text.unicodeScalars.count
            let facts = try Self.facts(text, worker, forRules: forRules)
            // Overlapping and going back: the first slices that go back read on again from the
            // start, those after the eighth use the offsets.
            for _ in 0..<30 {
                let a = Int.random(in: 0...count, using: &generator), b = Int.random(in: 0...count, using: &generator)
                #expect(facts.slice(min(a, b), max(a, b)) == Self.plain(text, min(a, b), max(a, b)))
            }
            #expect(facts.slice(0, count) == text)
        } }
    }
}
