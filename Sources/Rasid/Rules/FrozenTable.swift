/// A read-only copy of an array of plain values in memory of its own, for `RuleMatcher`'s
/// instruction tables: an array held by a class and read in the VM's loop costs a load of its
/// storage and a bounds check at each read.
///
/// Not copyable, and it frees its memory itself: a copy could outlive its owner (and read freed
/// memory), and two owners would free it twice.
struct FrozenTable<Element: BitwiseCopyable>: ~Copyable, @unchecked Sendable {
    let base: UnsafePointer<Element>
    let count: Int

    init(_ elements: [Element]) {
        let copy = UnsafeMutablePointer<Element>.allocate(capacity: max(elements.count, 1))
        copy.initialize(from: elements, count: elements.count)
        base = UnsafePointer(copy)
        count = elements.count
    }

    deinit { base.deallocate() }

    /// The elements, for a loop that reads them at every step; valid while the table lives (its
    /// owner's method that takes it, say).
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    subscript(i: Int) -> Element {
        assert(i >= 0 && i < count, "index out of range")
        return base[i]
    }
}
