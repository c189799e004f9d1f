#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's identity and change times (device, inode, size, modification and status-change
/// times): what the gazetteer cache compares instead of hashing a source's bytes on every start.
///
/// Hashing the sources of a million-entry gazetteer reads and hashes 48 MB on each start, about a
/// fifth of a cached load. A stamp is sound only when it was *settled* as the file was read, the
/// rule git uses for its index ("racily clean" entries): every write to a file sets its ctime to
/// the file system's clock, which no user call can set back; so a file whose ctime was already
/// well in the past when it was read (`settleTime`, more than the coarsest timestamp granularity
/// in use, FAT's two seconds) gets a later ctime, hence another stamp, from any write after that
/// read. A rename over it, or a new file at its inode, has another inode or a later ctime. A file
/// written within the last two seconds (or dated in the future) is not settled: the cache keeps
/// its content hash, and each start hashes it as before. What this trusts: that the file
/// system's clock is not set back by more than two seconds and that it keeps ctime as POSIX says.
struct FileStamp: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: UInt64
    var modified: Time
    var changed: Time

    /// Seconds and nanoseconds since the epoch.
    struct Time: Equatable, Comparable, Sendable {
        var seconds: Int64
        var nanoseconds: Int64

        static func < (a: Time, b: Time) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }

        /// The time now on the clock file systems date writes by.
        static var now: Time {
            var t = timespec()
            clock_gettime(CLOCK_REALTIME, &t)
            return Time(seconds: Int64(t.tv_sec), nanoseconds: Int64(t.tv_nsec))
        }
    }

    /// How long before a read a file's last change must lie for its stamp to vouch for its bytes.
    static let settleTime: Int64 = 2

    /// The stamp of an open file. Taken from the descriptor, not the path: a `stat` of a path on
    /// NFS may be answered from the client's attribute cache (60 s by default), so a list another
    /// host edited could still show its old stamp; opening the file makes the client revalidate
    /// its attributes (close-to-open consistency), and the bytes are then read from this descriptor,
    /// the very file stamped.
    init?(descriptor fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        self.init(info)
    }

    init(device: UInt64, inode: UInt64, size: UInt64, modified: Time, changed: Time) {
        (self.device, self.inode, self.size, self.modified, self.changed) = (device, inode, size, modified, changed)
    }

    private init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        size = UInt64(truncatingIfNeeded: info.st_size)
        #if os(Linux)
        modified = Time(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec))
        changed = Time(seconds: Int64(info.st_ctim.tv_sec), nanoseconds: Int64(info.st_ctim.tv_nsec))
        #else
        modified = Time(seconds: Int64(info.st_mtimespec.tv_sec), nanoseconds: Int64(info.st_mtimespec.tv_nsec))
        changed = Time(seconds: Int64(info.st_ctimespec.tv_sec), nanoseconds: Int64(info.st_ctimespec.tv_nsec))
        #endif
    }

    /// Whether the file's last change was settled at `readStart` (a time taken before the stamp):
    /// more than `settleTime` earlier, so that any later write gives another ctime.
    func isSettled(at readStart: Time) -> Bool {
        changed < Time(seconds: readStart.seconds - Self.settleTime, nanoseconds: readStart.nanoseconds)
    }

    /// The stamp as the cache stores it, seven integers.
    var words: [UInt64] {
        [device, inode, size, UInt64(bitPattern: modified.seconds), UInt64(bitPattern: modified.nanoseconds),
         UInt64(bitPattern: changed.seconds), UInt64(bitPattern: changed.nanoseconds)]
    }

    static let wordCount = 7

    init(words w: ArraySlice<UInt64>) {
        let b = w.startIndex
        self.init(device: w[b], inode: w[b + 1], size: w[b + 2],
                  modified: Time(seconds: Int64(bitPattern: w[b + 3]), nanoseconds: Int64(bitPattern: w[b + 4])),
                  changed: Time(seconds: Int64(bitPattern: w[b + 5]), nanoseconds: Int64(bitPattern: w[b + 6])))
    }
}
