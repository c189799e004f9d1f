/// A document's tokens as `Tokenizer` makes them: written through a raw pointer, with a capacity
/// check of its own, and handed over as an array at the end. Appending to the array itself
/// checked its uniqueness (a call) and its capacity per token, and the word helper it was passed
/// to as `inout` could not be inlined.
struct TokenBuffer {
    private var base: UnsafeMutablePointer<Token>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 4)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ token: Token) {
        if count == capacity { grow() }
        (base + count).initialize(to: token)
        count &+= 1
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Token>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        (base, capacity) = (newBase, newCapacity)
    }

    /// The tokens so far, as an array of exactly their count.
    func array() -> [Token] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func deallocate() { base.deallocate() }
}
