#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
// Implementation-only, as RasidICU imports CICU: no C type of it appears in this module's interface,
// so clients (the tests, the fuzzer's harness) need not load it.
@_implementationOnly import CRasidSystem

/// A file's identity and change times (device, inode, size, modification and status-change
/// times): what the gazetteer cache compares instead of hashing a source's bytes on every start.
///
/// Hashing the sources of a million-entry gazetteer reads and hashes 48 MB on each start, about a
/// fifth of a cached load. A stamp is sound only when it was *settled* as the file was read, the
/// rule git uses for its index ("racily clean" entries): every write to a file sets its ctime to
/// the file system's clock, which no user call can set back; so a file whose ctime was already
/// more than `settleTime` (two seconds) in the past when it was read gets a later ctime, hence
/// another stamp, from any write after that read. A rename over it, or a new file at its inode,
/// has another inode or a later ctime. A file written within the last two seconds (or dated in the
/// future) is not settled: the cache keeps its content hash, and each start hashes it until the
/// cache's key is renewed (see `GazetteerCache.load`).
///
/// What this trusts: that the kernel sets ctime on every write, with a granularity finer than two
/// seconds, from the same clock this process reads, and that this clock is not set back by more
/// than two seconds. That holds only for local file systems, so stamps are taken only on those
/// named in `trustsFileSystem` (ext2/3/4, XFS, Btrfs, tmpfs, overlayfs, F2FS, ZFS, ...). On NFS,
/// SMB or FUSE the times come from a server's clock (the settle test would compare it with ours)
/// or from the file system itself (sshfs reports ctime = mtime, which anyone can set), and FAT
/// keeps no ctime at all: files there are hashed on every start, as before stamps.
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
    /// Nil when it cannot be read, or the file lies on a file system whose times are not trusted.
    init?(descriptor fd: Int32) {
        guard Self.isOnTrustedFileSystem(fd) else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        self.init(info)
    }

    /// Whether the open file lies on a file system `trustsFileSystem` names. One `fstatfs` per
    /// source and start.
    static func isOnTrustedFileSystem(_ fd: Int32) -> Bool {
        // -1 when it cannot be read, and off Linux (not sorted out there: hashed, as before stamps).
        let type = rasid_file_system_type(fd)
        return type >= 0 && trustsFileSystem(type: UInt32(truncatingIfNeeded: type))
    }

    /// Whether a Linux file system type (`statfs.f_type`, as in `linux/magic.h`) is a local one
    /// that keeps ctime as POSIX says: ext2/3/4, XFS, Btrfs, tmpfs, ramfs, overlayfs (its upper
    /// layer is one of these in practice; a write copies a lower file up, giving a new stamp),
    /// F2FS, ZFS, bcachefs, JFS, ReiserFS. Anything else (NFS, SMB, FUSE, 9p, FAT, exFAT, NTFS
    /// through FUSE or ntfs3, unknown ones) is not trusted.
    static func trustsFileSystem(type: UInt32) -> Bool {
        switch type {
        case 0xEF53,  // ext2, ext3, ext4
             0x5846_5342,  // XFS
             0x9123_683E,  // Btrfs
             0x0102_1994,  // tmpfs
             0x8584_58F6,  // ramfs
             0x794C_7630,  // overlayfs
             0xF2F5_2010,  // F2FS
             0x2FC1_2FC1,  // ZFS
             0xCA45_1A4E,  // bcachefs
             0x3153_464A,  // JFS
             0x5265_4973:  // ReiserFS
            return true
        default:
            return false
        }
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

    /// Whether this stamp, taken before `size` bytes of the file were read, vouches for them: it
    /// has their size and was settled at `readStart`.
    func vouches(forSize size: UInt64, readAt readStart: Time) -> Bool {
        self.size == size && isSettled(at: readStart)
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
