/// The edges of the gazetteer trie as the builder makes it: (node, token id) → child node, in one
/// open-addressing table. The matcher walks the `EdgeTable` made from it; a gazetteer does not
/// keep it.
///
/// One flat table instead of a dictionary per node keeps a million-entry trie compact while it
/// is built (each entry's words look up and add edges).
public struct TransitionTable: Sendable {
    private(set) var keys: [UInt64]
    /// Per slot, a `step`: the child node times two, plus one when the child ends an entry (-1 in
    /// a free slot). `EdgeTable`, which the matcher walks, keeps these steps: a walk learns whether
    /// the node it reaches ends an entry from the slot it reads anyway, not from
    /// `Gazetteer.terminalOffsets` (with a million entries, one more cache miss per step, in 8 MB).
    private(set) var values: [Int32]
    private var mask: Int
    public private(set) var count = 0
    private static let empty = UInt64.max

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func key(_ node: Int32, _ token: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: token))
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29) & mask
    }

    /// The child of `node` along `token`, or -1.
    @inline(__always)
    public func child(_ node: Int32, _ token: Int32) -> Int32 {
        let s = step(node, token)
        return s < 0 ? -1 : s >> 1
    }

    /// The child of `node` along `token` with whether it ends an entry, as `values` holds it
    /// (`child << 1 | ends`), or -1.
    @inline(__always)
    func step(_ node: Int32, _ token: Int32) -> Int32 {
        let k = Self.key(node, token)
        var i = Self.slot(k, mask)
        while true {
            let stored = keys[i]
            if stored == k { return values[i] }
            if stored == Self.empty { return -1 }
            i = (i + 1) & mask
        }
    }

    /// Nodes are numbered below this, so that a step (`child << 1 | ends`) fits an `Int32`.
    static let maximumNodeCount = 1 << 30

    /// Calls `body` with the token and step (see `step`) of each edge out of `node`, in table
    /// order: one pass over the table, for the few nodes whose edges are wanted together.
    func forEachStep(of node: Int32, _ body: (_ token: Int32, _ step: Int32) -> Void) {
        for (i, k) in keys.enumerated() where k != Self.empty && Int32(truncatingIfNeeded: k >> 32) == node {
            body(Int32(truncatingIfNeeded: k), values[i])
        }
    }

    /// Calls `body` with the node, token and step of every edge, in table order.
    func forEachEdge(_ body: (_ node: Int32, _ token: Int32, _ step: Int32) -> Void) {
        for (i, k) in keys.enumerated() where k != Self.empty {
            body(Int32(truncatingIfNeeded: k >> 32), Int32(truncatingIfNeeded: k), values[i])
        }
    }

    /// Sets each edge's flag of whether its child ends an entry, once the trie is built.
    mutating func markEnds(_ ends: (_ node: Int32) -> Bool) {
        for i in keys.indices where keys[i] != Self.empty {
            let child = values[i] >> 1
            values[i] = child << 1 | (ends(child) ? 1 : 0)
        }
    }

    /// Adds the edge `node` → `child` along `token` (not yet flagged as ending an entry: see `markEnds`).
    public mutating func insert(_ node: Int32, _ token: Int32, child: Int32) {
        precondition(child >= 0 && Int(child) < Self.maximumNodeCount, "too many gazetteer trie nodes")
        if (count + 1) * 2 > keys.count { grow() }
        let k = Self.key(node, token)
        var i = Self.slot(k, mask)
        while keys[i] != Self.empty && keys[i] != k { i = (i + 1) & mask }
        if keys[i] == Self.empty { count += 1 }
        keys[i] = k
        values[i] = child << 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let size = keys.count * 2
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (i, k) in oldKeys.enumerated() where k != Self.empty {
            var j = Self.slot(k, mask)
            while keys[j] != Self.empty { j = (j + 1) & mask }
            keys[j] = k
            values[j] = oldValues[i]
        }
    }
}
