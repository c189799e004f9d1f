/// Many strings in one UTF-8 buffer, addressed by number.
///
/// A million `String`s cost a heap object each; a pool costs their bytes plus four bytes, and it is
/// two flat arrays, which the gazetteer cache writes and reads back in one copy each.
struct StringPool: Sendable, Equatable {
    /// The strings' UTF-8, one after the other.
    private(set) var bytes: [UInt8] = []
    /// String `i` is `bytes[ends[i - 1] ..< ends[i]]` (from 0 for the first).
    private(set) var ends: [Int32] = []

    init() {}

    /// A pool read back from its two arrays; nil unless `ends` rises within `bytes`.
    init?(bytes: [UInt8], ends: [Int32]) {
        if let last = ends.last {
            guard EntryTable.isRising(ends, to: Int(last)), Int(last) <= bytes.count else { return nil }
        }
        self.bytes = bytes
        self.ends = ends
    }

    var count: Int { ends.count }

    @discardableResult
    mutating func append(_ string: String) -> Int32 {
        bytes.append(contentsOf: string.utf8)
        ends.append(Int32(bytes.count))
        return Int32(ends.count - 1)
    }

    subscript(id: Int32) -> String {
        let i = Int(id)
        let start = i == 0 ? 0 : Int(ends[i - 1])
        return bytes.withUnsafeBufferPointer { String(decoding: $0[start..<Int(ends[i])], as: UTF8.self) }
    }

    /// Every string, in order.
    var strings: [String] { (0..<Int32(count)).map { self[$0] } }
}
