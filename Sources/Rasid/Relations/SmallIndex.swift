/// Numbers keys in the order they are first met (0, 1, 2 …): the relation resolver's groups of
/// party names and its relations' keys, per document.
///
/// Up to `searchedUpTo` keys expected, the keys met are searched in turn (`Key`'s `==`: the
/// resolver's keys compare digests first); more are hashed into a table sized once. A document
/// has a handful of each, and a table made and sized per document cost more than the comparisons
/// (about 2,500 instructions a document for the party groups, 4,000 for the relations' keys).
/// Both ways number the same keys the same (tests run both).
struct SmallIndex<Key: Hashable> {
    private var keys: [Key] = []
    private var table: [Key: Int] = [:]
    private let searched: Bool

    /// - Parameters:
    ///   - count: how many keys (not necessarily distinct) will be numbered at most.
    ///   - searchedUpTo: the most keys searched in turn.
    init(expected count: Int, searchedUpTo: Int) {
        searched = count <= searchedUpTo
        if searched { keys.reserveCapacity(count) } else { table.reserveCapacity(count) }
    }

    /// The number of `key`: the one it was given when first met, else the next (as many as there
    /// were keys before it), which it is entered with.
    @inline(__always)
    mutating func number(_ key: Key) -> Int {
        if searched {
            if let known = keys.firstIndex(of: key) { return known }
            keys.append(key)
            return keys.count - 1
        }
        // One hash: looking the key up through `default:` in place enters a new one as the next.
        let next = table.count
        return Self.entry(&table[key, default: next])
    }

    private static func entry(_ slot: inout Int) -> Int { slot }
}
