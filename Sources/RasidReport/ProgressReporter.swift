import Foundation
import Rasid
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One progress line on a terminal, rewritten in place: documents, documents per second, time
/// elapsed and, when the inputs' total size is known, the share read and the time left. It stays
/// silent for the first second, so short runs print nothing.
public final class ProgressReporter {
    private let totalBytes: Int?
    private let write: (String) -> Void
    private let now: () -> Double
    private let start: Double
    private var lastDrawn: Double?
    private var last = BatchRunner.Progress(documents: 0, bytes: 0)
    /// Whether a line is on screen (and needs ending or clearing), and whether one ever was.
    private var shown = false
    private var started = false

    /// Seconds to wait before the first line, and between two lines.
    public var delay = 1.0
    public var interval = 0.2

    /// - Parameters:
    ///   - totalBytes: the inputs' total size, or nil when unknown (standard input).
    ///   - write: where the text goes (a terminal: it uses `\r` and erase-line).
    ///   - now: a clock in seconds.
    public init(totalBytes: Int?, write: @escaping (String) -> Void,
                now: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.totalBytes = totalBytes
        self.write = write
        self.now = now
        start = now()
    }

    /// A reporter on standard error when it is a terminal, else nil: piped or logged runs stay silent.
    public static func onTerminal(inputs: [String]) -> ProgressReporter? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return ProgressReporter(totalBytes: totalSize(of: inputs)) { FileHandle.standardError.write(Data($0.utf8)) }
    }

    /// The summed size of regular files; nil when one is standard input or not a regular file.
    public static func totalSize(of inputs: [String]) -> Int? {
        var total = 0
        for input in inputs.isEmpty ? ["-"] : inputs {
            guard input != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: input),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let size = (attributes[.size] as? NSNumber)?.intValue else { return nil }
            total += size
        }
        return total
    }

    /// Records progress; redraws the line when it is due.
    public func update(_ progress: BatchRunner.Progress) {
        last = progress
        let t = now()
        guard t - start >= delay else { return }
        if let lastDrawn, t - lastDrawn < interval { return }
        draw(at: t)
    }

    /// Clears the line, so that a message can be written on a line of its own; the next update redraws it.
    public func clearLine() {
        guard shown else { return }
        write("\r\u{1B}[K")
        shown = false
        lastDrawn = nil
    }

    /// Draws the final figures and ends the line, if a line was shown at all.
    public func finish() {
        guard started else { return }
        draw(at: now())
        write("\n")
        shown = false
    }

    private func draw(at t: Double) {
        write("\r" + Self.line(documents: last.documents, bytes: last.bytes, totalBytes: totalBytes, elapsed: t - start) + "\u{1B}[K")
        shown = true
        started = true
        lastDrawn = t
    }

    /// `rasid: 12,345 documents · 1,234/s · 0:10 · 45% · 0:12 left`; the last two only with a known size.
    public static func line(documents: Int, bytes: Int, totalBytes: Int?, elapsed: Double) -> String {
        var parts = ["\(grouped(documents)) documents"]
        if elapsed > 0 { parts.append("\(grouped(Int((Double(documents) / elapsed).rounded())))/s") }
        parts.append(clock(elapsed))
        if let totalBytes, totalBytes > 0 {
            let share = min(1, Double(bytes) / Double(totalBytes))
            parts.append("\(Int((share * 100).rounded(.down)))%")
            if share > 0, share < 1 { parts.append("\(clock(elapsed * (1 - share) / share)) left") }
        }
        return "rasid: " + parts.joined(separator: " · ")
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded()))
        let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(r))" : "\(m):\(two(r))"
    }

    /// Thousands separated by commas.
    static func grouped(_ n: Int) -> String {
        var digits = String(n.magnitude), out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return (n < 0 ? "-" : "") + digits + out
    }
}
