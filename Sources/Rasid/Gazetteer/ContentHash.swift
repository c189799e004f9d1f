/// XXH64 (Yann Collet's xxHash, 64-bit variant), for telling whether bytes changed.
///
/// The gazetteer cache hashes the sources whose file stamp it cannot trust (see `FileStamp`) to
/// know whether the cache still holds them, and checks every section it reads back; both run over
/// tens of megabytes, so the
/// hash must run at memory speed (eight bytes per step in four independent lanes), which a
/// byte-at-a-time hash such as FNV does not. Not cryptographic: it detects edits and damage, not
/// forgery.
enum ContentHash {
    /// The XXH64 of `bytes` taken over `piece`-sized pieces in turn, each seeded with the hash so
    /// far: the value a reader gets by hashing each piece as it lands, without holding the whole.
    static func xxh64(_ bytes: UnsafeRawBufferPointer, piece: Int) -> UInt64 {
        var h: UInt64 = 0, start = 0
        repeat {
            let end = min(start + piece, bytes.count)
            h = xxh64(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), seed: h)
            start = end
        } while start < bytes.count
        return h
    }

    private static let p1: UInt64 = 11_400_714_785_074_694_791
    private static let p2: UInt64 = 14_029_467_366_897_019_727
    private static let p3: UInt64 = 1_609_587_929_392_839_161
    private static let p4: UInt64 = 9_650_029_242_287_828_579
    private static let p5: UInt64 = 2_870_177_450_012_600_261

    static func xxh64(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let n = bytes.count
        var i = 0
        var h: UInt64
        if n >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while i + 32 <= n {
                v1 = round(v1, word(bytes, i))
                v2 = round(v2, word(bytes, i + 8))
                v3 = round(v3, word(bytes, i + 16))
                v4 = round(v4, word(bytes, i + 24))
                i += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            for v in [v1, v2, v3, v4] { h = (h ^ round(0, v)) &* p1 &+ p4 }
        } else {
            h = seed &+ p5
        }
        h &+= UInt64(n)
        while i + 8 <= n {
            h = rotl(h ^ round(0, word(bytes, i)), 27) &* p1 &+ p4
            i += 8
        }
        if i + 4 <= n {
            let w = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
            h = rotl(h ^ (w &* p1), 23) &* p2 &+ p3
            i += 4
        }
        while i < n {
            h = rotl(h ^ (UInt64(bytes[i]) &* p5), 11) &* p1
            i += 1
        }
        h ^= h >> 33; h &*= p2
        h ^= h >> 29; h &*= p3
        h ^= h >> 32
        return h
    }

    static func xxh64(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { xxh64($0) }
    }

    @inline(__always)
    private static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 {
        (x << r) | (x >> (64 - r))
    }
}
