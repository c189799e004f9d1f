import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a binary file (the gazetteer cache, or a source being read, stamped or hashed) could not be written or read, naming the file.
struct BinaryFileError: Error, CustomStringConvertible {
    let path: String
    let message: String
    var description: String { "\(path): \(message)" }

    static func system(_ path: String, _ what: String) -> BinaryFileError {
        BinaryFileError(path: path, message: "\(what): \(String(cString: strerror(errno)))")
    }
}

/// Writes a binary file as a sequence of native-endian integers and arrays; each array is its
/// count, its `checksum`, then the bytes, so the reader can check each one before use.
///
/// Arrays go to the file straight from their own storage, without an intermediate buffer: a
/// million-entry gazetteer is about a hundred megabytes of them.
final class BinaryFileWriter {
    let path: String
    private var fd: Int32

    /// Creates `path`, which must not exist yet (a fresh temporary name).
    init(creating path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw BinaryFileError.system(path, "cannot create") }
    }

    deinit { if fd >= 0 { _ = close(fd) } }

    func scalar<T: FixedWidthInteger & BitwiseCopyable>(_ value: T) throws {
        try withUnsafeBytes(of: value) { try writeAll($0) }
    }

    func array<T: FixedWidthInteger & BitwiseCopyable>(_ values: [T]) throws {
        try values.withUnsafeBytes { bytes in
            try scalar(UInt64(values.count))
            try scalar(Self.checksum(bytes))
            try writeAll(bytes)
        }
    }

    /// The XXH64 of `bytes` taken over `piece`-sized pieces in turn, each seeded with the hash so
    /// far: the reader hashes each piece as it lands, while it is still in the CPU's cache, instead
    /// of reading the whole array back from memory once more (about 170 MB for a million entries).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 { ContentHash.xxh64(bytes, piece: piece) }

    /// Small enough for the CPU's second-level cache.
    static let piece = 1 << 18

    func pool(_ pool: StringPool) throws {
        try array(pool.bytes)
        try array(pool.ends)
    }

    func strings(_ strings: [String]) throws {
        var pool = StringPool()
        for s in strings { pool.append(s) }
        try self.pool(pool)
    }

    func finish() throws {
        let result = close(fd)
        fd = -1
        if result != 0 { throw BinaryFileError.system(path, "cannot write") }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw BinaryFileError.system(path, "cannot write")
            }
            done += n
        }
    }
}

/// Reads back what `BinaryFileWriter` wrote, trusting nothing: every count is checked against the
/// bytes left in the file before anything is allocated or read, and every array against its checksum.
/// It also reads a gazetteer source whole (`contents`) and stamps it (`stamp`), through one descriptor.
///
/// Arrays are read with `pread` straight into their own new storage (one copy, from the page
/// cache), not through a memory map: a map of a file that someone truncates meanwhile turns reads
/// into a crash (SIGBUS), a `pread` into a short read, which is an error like any other.
final class BinaryFileReader {
    let path: String
    private let fd: Int32
    let size: Int
    private(set) var position = 0

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw BinaryFileError.system(path, "cannot open") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            _ = close(fd)
            throw BinaryFileError.system(path, "cannot stat")
        }
        size = Int(info.st_size)
    }

    deinit { _ = close(fd) }

    /// The open file's stamp (see `FileStamp`), taken now; nil on a file system whose stamps are not trusted.
    func stamp() -> FileStamp? { FileStamp(descriptor: fd) }

    /// Every byte from the start of the file to its end as it is now: the size taken on opening is
    /// only where the reading starts (a file written meanwhile gives what a read finds, and its
    /// stamp, whose size differs, is then not kept).
    func contents() throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var done = 0
        while true {
            if done == bytes.count { bytes += [UInt8](repeating: 0, count: bytes.count) }
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw BinaryFileError.system(path, "cannot read") }
            if n == 0 { break }
            done += n
        }
        bytes.removeLast(bytes.count - done)
        return bytes
    }

    var atEnd: Bool { position == size }

    func scalar<T: FixedWidthInteger & BitwiseCopyable>(_: T.Type) throws -> T {
        var value = T.zero
        try withUnsafeMutableBytes(of: &value) { try readFully(into: $0) }
        return value
    }

    func array<T: FixedWidthInteger & BitwiseCopyable>(_: T.Type) throws -> [T] {
        let count = try scalar(UInt64.self)
        let hash = try scalar(UInt64.self)
        let stride = MemoryLayout<T>.stride
        guard count <= UInt64((size - position) / stride) else { throw corrupt("array runs past the end of the file") }
        var h: UInt64 = 0
        let values = try [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            let bytes = UnsafeMutableRawBufferPointer(buffer)
            Self.adviseHugePages(bytes)
            var start = 0
            repeat {
                let piece = UnsafeMutableRawBufferPointer(rebasing: bytes[start..<min(start + BinaryFileWriter.piece, bytes.count)])
                try readFully(into: piece)
                h = ContentHash.xxh64(UnsafeRawBufferPointer(piece), seed: h)
                start += piece.count
            } while start < bytes.count
            initialized = Int(count)
        }
        guard h == hash else { throw corrupt("checksum mismatch") }
        return values
    }

    /// Asks Linux to back the 2 MiB-aligned part of a large new array with huge pages (transparent
    /// huge pages are commonly granted on request only), before anything touches it. A million-entry
    /// gazetteer is some 170 MB of arrays: read into 4 KiB pages, the kernel spends more time
    /// faulting them in than copying; and the matcher's random look-ups in the edge table then
    /// miss the TLB on nearly every probe. Only advice: where it is refused, nothing changes.
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let huge = 1 << 21
        guard let base = buffer.baseAddress, buffer.count >= 2 * huge else { return }
        let start = (Int(bitPattern: base) + huge - 1) & -huge
        let end = (Int(bitPattern: base) + buffer.count) & -huge
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        #endif
    }

    func pool() throws -> StringPool {
        guard let pool = try StringPool(bytes: array(UInt8.self), ends: array(Int32.self)) else {
            throw corrupt("bad string table")
        }
        return pool
    }

    func strings() throws -> [String] { try pool().strings }

    func corrupt(_ message: String) -> BinaryFileError {
        BinaryFileError(path: path, message: "damaged file: \(message)")
    }

    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws {
        guard buffer.count <= size - position else { throw corrupt("truncated") }
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(position + done))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw BinaryFileError.system(path, "cannot read") }
            if n == 0 { throw corrupt("truncated") }
            done += n
        }
        position += buffer.count
    }
}
