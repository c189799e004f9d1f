/// Appends JSON to a byte buffer: the fast path for output, no intermediate tree.
///
/// The buffer is its own memory, not an `[UInt8]`: an array's `append(contentsOf:)` cost about a
/// hundred instructions for each of the dozen short pieces an entity is written in (its checks
/// for uniqueness and room, a call to `memcpy`), where here a piece of fixed text is a couple of
/// moves. Non-copyable, so that the memory has one owner and is freed once.
public struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    /// Bytes written.
    public private(set) var count = 0
    private var capacity: Int

    /// - Parameter capacity: bytes to make room for at once (the buffer grows as needed).
    public init(capacity: Int = 64) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// What has been written.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// What has been written, without a copy.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Drops the last `n` bytes written; the memory is kept for what is written next.
    mutating func removeLast(_ n: Int) {
        precondition(n >= 0 && n <= count)
        count -= n
    }

    /// Room for `n` more bytes.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if capacity - count < n { grow(n) }
    }

    private mutating func grow(_ n: Int) {
        let newCapacity = max(capacity * 2, count + n)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func append(_ start: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        (base + count).initialize(from: start, count: n)
        count += n
    }

    @inline(__always)
    private mutating func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    public mutating func raw(_ s: StaticString) {
        append(s.utf8Start, s.utf8CodeUnitCount)
    }

    /// What `other` has written (prewritten JSON kept in a writer of its own), appended in place.
    @inline(__always)
    mutating func raw(_ other: borrowing JSONWriter) {
        append(UnsafePointer(other.base), other.count)
    }

    public mutating func raw<C: Collection>(_ b: C) where C.Element == UInt8 {
        let copied: Void? = b.withContiguousStorageIfAvailable { if let p = $0.baseAddress { append(p, $0.count) } }
        if copied == nil { for byte in b { append(byte) } }
    }

    /// "00" to "99": numbers are written two digits at a time.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    public mutating func number(_ n: Int) {
        // Digits written in place from the last, two at a time: at most 19 and a sign, room made
        // once. Offsets are a few code points to a few million: their length is found by
        // comparisons, not by dividing (with the pairs, 0.9M instructions less on c1 with rules:
        // 668.4M -> 667.5M).
        reserve(21)
        if n < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var magnitude = n.magnitude
        let digits: Int
        if magnitude < 10 { digits = 1 } else if magnitude < 100 { digits = 2 } else if magnitude < 1_000 { digits = 3 }
        else if magnitude < 10_000 { digits = 4 } else if magnitude < 100_000 { digits = 5 } else if magnitude < 1_000_000 { digits = 6 }
        else {
            var d = 7, rest = magnitude / 10_000_000
            while rest > 0 { d += 1; rest /= 10 }
            digits = d
        }
        var k = count + digits
        count = k
        let pairs = Self.digitPairs.utf8Start
        while magnitude >= 10 {
            let pair = Int(magnitude % 100) * 2
            magnitude /= 100
            k -= 2
            base[k] = pairs[pair]
            base[k + 1] = pairs[pair + 1]
        }
        if k > count - digits {
            base[k - 1] = UInt8(ascii: "0") + UInt8(magnitude)
        }
    }

    public mutating func string(_ s: String) {
        append(UInt8(ascii: "\""))
        quotedBody(s)
    }

    /// `opening` (fixed text ending in the value's opening quote, such as `,"text":"`), `s` escaped,
    /// and the closing quote: the encoders' members, with one append fewer than `raw` then `string`.
    /// Inlined, so that the fixed text is copied as a constant: a few moves, not a call to `memcpy`.
    @inline(__always)
    mutating func string(_ s: String, after opening: StaticString) {
        raw(opening)
        quotedBody(s)
    }

    /// `string(_:after:)` for bytes `bytes` of the UTF-8 of `s` (an entity's text in its
    /// document's), read in place.
    @inline(__always)
    mutating func string(_ s: String, bytes: Range<Int>, after opening: StaticString) {
        raw(opening)
        s.withUTF8Bytes { escapedThenQuote(UnsafeBufferPointer(rebasing: $0[bytes])) }
    }

    /// `s` escaped, then the closing quote.
    private mutating func quotedBody(_ s: String) {
        s.withUTF8Bytes { escapedThenQuote($0) }
    }

    /// `utf8` escaped, then the closing quote. Scanned and copied in one pass, eight bytes at a
    /// time, into room made once: the bytes of a word are stored as they are tested, where a scan
    /// for the first special byte, then a call to `memcpy` for the run, read them twice and cost
    /// about 190 instructions a string (63k strings on c1 with rules). At the first byte that needs
    /// an escape, the rest goes the general way (`escaped`).
    mutating func escapedThenQuote(_ utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        guard let source = utf8.baseAddress else { append(UInt8(ascii: "\"")); return }
        // The body and the closing quote (words are stored only where all eight bytes are the body's).
        reserve(n + 1)
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(base + count)
        var i = 0
        @inline(__always) func special(_ x: UInt64) -> Bool { JSONLineScanner.specialFlags(x) != 0 }
        while i &+ 8 <= n {
            let x = from.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if special(UInt64(littleEndian: x)) { break }
            to.storeBytes(of: x, toByteOffset: i, as: UInt64.self)
            i &+= 8
        }
        // The last few bytes of a string of eight or more, when the words before them needed no
        // escape, as the word ending with them (its first bytes were copied already): no loop.
        if i < n && n >= 8 && n &- i < 8 {
            let x = from.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            if !special(UInt64(littleEndian: x)) {
                to.storeBytes(of: x, toByteOffset: n &- 8, as: UInt64.self)
                i = n
            }
        }
        while i < n {
            let c = source[i]
            if JSONLineScanner.isSpecial(c) { break }
            to.storeBytes(of: c, toByteOffset: i, as: UInt8.self)
            i &+= 1
        }
        count &+= i
        if i < n { escaped(UnsafeBufferPointer(rebasing: utf8[i...])) }
        append(UInt8(ascii: "\""))
    }

    /// The bytes of a string's body with JSON's escapes. Runs that need no escape are copied whole,
    /// found eight bytes at a time: most strings are one such run, and a byte-by-byte scan was most
    /// of what writing one cost. The bytes that need an escape (`"`, `\`, controls) are exactly the
    /// ones a string's scan stops at on input.
    mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let start = utf8.baseAddress else { return }
        var runStart = 0
        while true {
            let k = JSONLineScanner.nextSpecial(utf8, from: runStart)
            if k > runStart { append(start + runStart, k - runStart) }
            guard k < utf8.count else { return }
            escape(utf8[k])
            runStart = k + 1
        }
    }

    private mutating func escape(_ b: UInt8) {
        switch b {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        default:
            raw("\\u00")
            let hex: StaticString = "0123456789abcdef"
            append(hex.utf8Start[Int(b >> 4)])
            append(hex.utf8Start[Int(b & 0xF)])
        }
    }

    /// `"key":` (the key is written as given; callers pass plain ASCII names).
    public mutating func key(_ k: String) {
        string(k)
        append(UInt8(ascii: ":"))
    }
}
