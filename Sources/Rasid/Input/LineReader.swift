import Foundation

/// Reads a file or standard input line by line in fixed-size chunks, so memory does not grow with
/// the input.
public final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private let chunkSize: Int
    /// Robustness: the most bytes of one line kept in memory. A longer line is read to its end but
    /// only its first `maximumLineBytes + 1` bytes are returned (enough for the caller to see it is
    /// too long), so a multi-gigabyte line without a newline cannot exhaust memory.
    public var maximumLineBytes = Int.max
    /// The full length of the line `next()` returned last, in bytes without its line end (larger
    /// than the returned line when that was cut at `maximumLineBytes`).
    public private(set) var lastLineLength = 0
    /// Bytes of the current line dropped beyond `maximumLineBytes`.
    private var dropped = 0

    /// - Parameter path: a file, or `-` for standard input.
    public init(path: String, chunkSize: Int = 1 << 20) throws {
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw DataFileError(file: path, "cannot open for reading")
            }
            handle = h
        }
        self.chunkSize = chunkSize
    }

    /// The next line without its `\n` (and `\r`), or nil at the end.
    public func next() throws -> [UInt8]? {
        // Where the search for the newline resumes: bytes before it hold none.
        var searched = position
        while true {
            if let newline = Self.firstNewline(in: buffer, from: searched) {
                return finish(upTo: newline, skipping: 1)
            }
            if atEnd {
                guard position < buffer.count || dropped > 0 else { return nil }
                return finish(upTo: buffer.count, skipping: 0)
            }
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            // Keep at most `maximumLineBytes + 1` bytes of an overlong line; count the rest.
            let keep = maximumLineBytes == Int.max ? Int.max : maximumLineBytes + 1
            if buffer.count > keep {
                dropped += buffer.count - keep
                buffer.removeLast(buffer.count - keep)
            }
            searched = buffer.count
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            // Through the chunk's bytes: appending the `Data` itself went byte by byte.
            if chunk.isEmpty { atEnd = true } else { chunk.withUnsafeBytes { buffer.append(contentsOf: $0) } }
        }
    }

    /// The index of the first `\n` in `bytes[start...]`. `memchr`, not `firstIndex(of:)`: that went
    /// byte by byte, five instructions each, over every byte of the input.
    static func firstNewline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            guard start < b.count, let base = b.baseAddress,
                  let found = memchr(base + start, 0x0A, b.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Returns the line ending at `end` and moves past it and its `skip` newline bytes.
    private func finish(upTo end: Int, skipping skip: Int) -> [UInt8] {
        var line = Array(buffer[position..<end])
        if line.last == 0x0D { line.removeLast() }
        lastLineLength = line.count + dropped
        dropped = 0
        // An overlong line: its first `maximumLineBytes + 1` bytes are all the caller needs.
        if lastLineLength > maximumLineBytes, line.count > maximumLineBytes + 1 {
            line.removeLast(line.count - (maximumLineBytes + 1))
        }
        position = end + skip
        return line
    }
}
