import Rasid
import Testing
@testable import RasidReport

@Suite struct ProgressReporterTests {
    @Test func lineShowsCountsRateAndTimeLeft() {
        #expect(ProgressReporter.line(documents: 12_345, bytes: 25, totalBytes: 100, elapsed: 10)
                == "rasid: 12,345 documents · 1,235/s · 0:10 · 25% · 0:30 left")
        #expect(ProgressReporter.line(documents: 999, bytes: 5, totalBytes: nil, elapsed: 3_725)
                == "rasid: 999 documents · 0/s · 1:02:05")
        #expect(ProgressReporter.line(documents: 10, bytes: 100, totalBytes: 100, elapsed: 2)
                == "rasid: 10 documents · 5/s · 0:02 · 100%")
    }

    /// A clock the test sets by hand: nothing here waits.
    final class Clock: @unchecked Sendable { var t = 100.0 }

    @Test func silentForShortRunsThenRedrawsInPlace() {
        let clock = Clock()
        var written: [String] = []
        let reporter = ProgressReporter(totalBytes: 1000, write: { written.append($0) }, now: { clock.t })
        clock.t = 100.5
        reporter.update(.init(documents: 512, bytes: 100))
        #expect(written.isEmpty)
        reporter.finish()
        #expect(written.isEmpty)   // a short run prints nothing at all

        clock.t = 102
        reporter.update(.init(documents: 1024, bytes: 500))
        #expect(written == ["\rrasid: 1,024 documents · 512/s · 0:02 · 50% · 0:02 left\u{1B}[K"])
        clock.t = 102.1
        reporter.update(.init(documents: 1536, bytes: 600))
        #expect(written.count == 1)   // too soon to redraw
        reporter.clearLine()
        #expect(written.last == "\r\u{1B}[K")
        clock.t = 104
        reporter.finish()
        #expect(written.suffix(2) == ["\rrasid: 1,536 documents · 384/s · 0:04 · 60% · 0:03 left\u{1B}[K", "\n"])
    }

    @Test func totalSizeIsKnownForFilesOnly() throws {
        let file = try temporaryFolder().appendingPathComponent("in.jsonl")
        try "12345\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(ProgressReporter.totalSize(of: [file.path, file.path]) == 12)
        #expect(ProgressReporter.totalSize(of: [file.path, "-"]) == nil)
        #expect(ProgressReporter.totalSize(of: []) == nil)
    }
}
