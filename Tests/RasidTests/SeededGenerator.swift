/// A fixed pseudo-random sequence (a 64-bit LCG) for tests that compare a fast path with a plain
/// one on many generated inputs: a failure can be replayed from its seed.
struct SeededGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}
