import Testing
@testable import Rasid
import RasidTestSupport

/// The writer's own buffer against the plain definitions: numbers as `String(n)` spells them,
/// pieces appended as an array concatenates them, across growth from a small capacity, and a
/// line processed into a shared buffer as the line processed alone.
@Suite struct JSONWriterTests {
    @Test func numbersAreWrittenAsStringSpellsThem() {
        var g = SplitMix64(seed: 3)
        var numbers = [0, 1, -1, 9, 10, 99, 100, -10, 1234, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for _ in 0..<20_000 {
            // Every magnitude, from one digit to nineteen.
            let n = Int(truncatingIfNeeded: g.next() >> UInt64(g.below(64)))
            numbers.append(g.below(2) == 0 ? n : -n)
        }
        for n in numbers {
            var w = JSONWriter(capacity: 1)
            w.number(n)
            let written = w.bytes
            #expect(written == Array(String(n).utf8), "\(n)")
        }
    }

    @Test func piecesAreAppendedAsAnArrayConcatenatesThem() {
        var g = SplitMix64(seed: 4)
        for _ in 0..<200 {
            var w = JSONWriter(capacity: g.below(40))
            var expected: [UInt8] = []
            for _ in 0..<g.below(300) {
                switch g.below(5) {
                case 0:
                    w.raw(",\"start\":")
                    expected += Array(",\"start\":".utf8)
                case 1:
                    let piece = (0..<g.below(70)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
                    w.raw(piece)
                    expected += piece
                case 2:
                    let n = Int(truncatingIfNeeded: g.next()) >> g.below(64)
                    w.number(n)
                    expected += Array(String(n).utf8)
                case 3:
                    let s = String(repeating: "حزب ", count: g.below(6)) + "x"
                    w.string(s, after: ",\"text\":\"")
                    expected += Array(",\"text\":\"\(s)\"".utf8)
                default:
                    let n = g.below(w.count + 1)
                    w.removeLast(n)
                    expected.removeLast(n)
                }
                #expect(w.count == expected.count)
            }
            let written = w.bytes
            #expect(written == expected)
            let viewed = w.withUnsafeBytes { Array($0) }
            #expect(viewed == expected)
        }
    }

    /// Lines processed one after another into one small buffer (the one-job run) are the lines
    /// processed alone, one after another: documents, error records, and an error found after
    /// other lines' output is in the buffer.
    @Test func linesProcessedIntoASharedBufferAreTheLinesProcessedAlone() throws {
        let worker = try RobustnessTests.pipeline.makeWorker()
        let lines = RobustnessTests.hostileFile.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        var shared = JSONWriter(capacity: 1)
        var alone: [UInt8] = []
        for (n, line) in lines.enumerated() {
            let report = worker.process(line: line, lineNumber: n + 1, format: .jsonl, file: "t", maximumBytes: 5000, to: &shared)
            let outcome = worker.process(line: line, lineNumber: n + 1, format: .jsonl, file: "t", maximumBytes: 5000)
            alone += outcome.bytes
            #expect(report.error == outcome.error)
            #expect(report.warnings == outcome.warnings)
        }
        #expect(lines.count > 40)
        let written = shared.bytes
        #expect(written == alone)
    }
}
