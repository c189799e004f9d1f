import Foundation

/// Reads a file or standard input line by line in fixed-size chunks, so memory does not grow with
/// the input.
public final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private let chunkSize: Int

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
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                var line = Array(buffer[position..<newline])
                position = newline + 1
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                var line = Array(buffer[position...])
                position = buffer.count
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
