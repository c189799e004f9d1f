/// A growable buffer of plain values (no references) for `MatcherScratch`: appending costs a
/// capacity check, where an array in a class also checks that its storage is unique, at every
/// VM step. Not copyable, and it frees its memory itself: a copy would share (and after a grow,
/// read freed) memory, and two owners would free it twice.
struct GrowingBuffer<Element: BitwiseCopyable>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        set { base[i] = newValue }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow() }
        base[count] = element
        count += 1
    }

    mutating func removeAll() { count = 0 }

    /// Appends copies of `element` until there are `n`.
    mutating func extend(to n: Int, with element: Element) {
        while capacity < n { grow() }
        if count < n { (base + count).initialize(repeating: element, count: n - count) }
        count = max(count, n)
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    deinit { base.deallocate() }
}
