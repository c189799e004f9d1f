/// Interns normalised token strings as small integers.
///
/// An open-addressing hash table over one pooled UTF-16 buffer: looking a token up hashes its
/// units in place (no String is made), which keeps the matcher's hot path free of allocation.
public struct TokenLexicon: Sendable {
    private(set) var pool: [UInt16] = []
    /// Per id: where its units start in `pool` (high half) and how many they are (low half). One
    /// array, not one of starts and one of lengths: while a million-entry gazetteer is built, its
    /// lexicon is far larger than the CPU's caches, and a probe then waits for one miss here, not two.
    private(set) var spans: [UInt64] = []
    /// The hash table: per slot, the word's hash (high half) and its id + 1 (low half, 0 = empty).
    /// One array, so a probe reads one cache line: while a million-entry gazetteer is built the
    /// table is far larger than the CPU's caches, and two arrays cost two misses per look-up.
    private(set) var table: [UInt64]
    private var mask: Int

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func entry(id: Int32, hash: UInt32) -> UInt64 { UInt64(hash) << 32 | UInt64(UInt32(id + 1)) }

    /// A lexicon read back from the gazetteer cache; nil unless every id's units lie inside the
    /// pool and the table holds each id once with free slots left (a full table would make `id(of:)`
    /// probe forever).
    init?(pool: [UInt16], spans: [UInt64], table: [UInt64]) {
        let size = table.count
        guard size >= 16, size & (size - 1) == 0, spans.count < size else { return nil }
        // Starts and lengths are below 2^32 each, so their sum cannot overflow.
        for span in spans where (span >> 32) + (span & 0xFFFF_FFFF) > UInt64(pool.count) { return nil }
        var seen = [Bool](repeating: false, count: spans.count)
        for e in table {
            let slot = Int32(truncatingIfNeeded: e)
            if slot == 0 { continue }
            guard slot > 0, Int(slot) <= spans.count, !seen[Int(slot) - 1] else { return nil }
            seen[Int(slot) - 1] = true
        }
        guard !seen.contains(false) else { return nil }
        (self.pool, self.spans, self.table) = (pool, spans, table)
        mask = size - 1
    }

    public var count: Int { spans.count }

    @inline(__always)
    private func span(_ id: Int) -> (start: Int, count: Int) {
        let s = spans[id]
        return (Int(truncatingIfNeeded: s >> 32), Int(truncatingIfNeeded: s & 0xFFFF_FFFF))
    }

    @inline(__always)
    static func hash(_ u: UnsafeBufferPointer<UInt16>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for c in u { h = (h ^ UInt32(c)) &* 16_777_619 }
        return h
    }

    /// The id of `units`, or -1 when the lexicon does not hold it.
    @inline(__always)
    public func id(of units: UnsafeBufferPointer<UInt16>) -> Int32 {
        id(of: units, hash: Self.hash(units))
    }

    /// `id(of:)` with the units' `hash` worked out already.
    @inline(__always)
    func id(of units: UnsafeBufferPointer<UInt16>, hash h: UInt32) -> Int32 {
        var i = Int(h) & mask
        while true {
            let e = table[i]
            let slot = Int32(truncatingIfNeeded: e)
            if slot == 0 { return -1 }
            if UInt32(truncatingIfNeeded: e >> 32) == h && equals(Int(slot - 1), units) { return slot - 1 }
            i = (i + 1) & mask
        }
    }

    public func id(of string: String) -> Int32 {
        let units = Array(string.utf16)
        return units.withUnsafeBufferPointer { id(of: $0) }
    }

    /// The string of an id.
    public func string(_ id: Int32) -> String {
        let (o, n) = span(Int(id))
        return String(decoding: pool[o..<(o + n)], as: UTF16.self)
    }

    /// Calls `body` with the units of an id, in place.
    func withUnits<R>(of id: Int32, _ body: (UnsafeBufferPointer<UInt16>) -> R) -> R {
        let (o, n) = span(Int(id))
        return pool.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[o..<(o + n)])) }
    }

    /// Adds `units` if new; returns its id.
    @discardableResult
    public mutating func intern(_ units: UnsafeBufferPointer<UInt16>) -> Int32 {
        // One hash and one probe: a new word goes into the empty slot that ended the search
        // (where `insertSlot` would put it), unless the table must grow first.
        let h = Self.hash(units)
        var i = Int(h) & mask
        while Int32(truncatingIfNeeded: table[i]) != 0 {
            let slot = Int32(truncatingIfNeeded: table[i])
            if UInt32(truncatingIfNeeded: table[i] >> 32) == h && equals(Int(slot - 1), units) { return slot - 1 }
            i = (i + 1) & mask
        }
        let newID = Int32(spans.count)
        spans.append(UInt64(pool.count) << 32 | UInt64(units.count))
        pool.append(contentsOf: units)
        if spans.count * 2 > table.count {
            grow()
        } else {
            table[i] = Self.entry(id: newID, hash: h)
        }
        return newID
    }

    @discardableResult
    public mutating func intern(_ string: String) -> Int32 {
        let units = Array(string.utf16)
        return units.withUnsafeBufferPointer { intern($0) }
    }

    @inline(__always)
    private func equals(_ id: Int, _ units: UnsafeBufferPointer<UInt16>) -> Bool {
        let (o, n) = span(id)
        guard n == units.count else { return false }
        return pool.withUnsafeBufferPointer { p in
            for k in 0..<n where p[o + k] != units[k] { return false }
            return true
        }
    }

    private mutating func insertSlot(_ id: Int32, hash h: UInt32) {
        var i = Int(h) & mask
        while Int32(truncatingIfNeeded: table[i]) != 0 { i = (i + 1) & mask }
        table[i] = Self.entry(id: id, hash: h)
    }

    private mutating func grow() {
        let size = table.count * 2
        table = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for id in 0..<spans.count {
            let (o, n) = span(id)
            let h = pool.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[o..<(o + n)])) }
            insertSlot(Int32(id), hash: h)
        }
    }
}
