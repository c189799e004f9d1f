/// A compiled pattern: a small instruction set run by `RuleMatcher` (Thompson's construction).
public struct RuleProgram: Sendable {
    enum Instruction: Sendable, Equatable {
        /// Consume one token that passes `tests[i]`.
        case test(Int)
        /// Consume an annotation of a type that starts at the token.
        case annotation(AnnotationFilter)
        /// Go on only if the token here passes (or fails, when negated) `tests[i]`; consume nothing.
        case peek(Int, negated: Bool)
        /// Try both; the first is preferred.
        case split(Int, Int)
        case jump(Int)
        /// Record the position in capture slot `n`.
        case save(Int)
        case match
    }

    var instructions: [Instruction] = []
    var tests: [TokenTest] = []
    /// Capture names, slot `2k` and `2k + 1` for the k-th.
    public private(set) var captures: [String] = []

    public init(_ pattern: PatternNode) {
        emit(pattern)
        instructions.append(.match)
    }

    func slot(of capture: String) -> Int? { captures.firstIndex(of: capture) }

    private mutating func emit(_ node: PatternNode) {
        switch node {
        case .test(let t):
            tests.append(t)
            instructions.append(.test(tests.count - 1))
        case .annotation(let filter):
            instructions.append(.annotation(filter))
        case .lookahead(let t, let negated):
            tests.append(t)
            instructions.append(.peek(tests.count - 1, negated: negated))
        case .sequence(let items):
            for item in items { emit(item) }
        case .alternatives(let options):
            // split L1, next; L1: a; jump end; next: split L2, … ; last option unguarded
            var jumps: [Int] = []
            for (k, option) in options.enumerated() {
                if k < options.count - 1 {
                    let split = instructions.count
                    instructions.append(.split(split + 1, -1))
                    emit(option)
                    jumps.append(instructions.count)
                    instructions.append(.jump(-1))
                    instructions[split] = .split(split + 1, instructions.count)
                } else {
                    emit(option)
                }
            }
            for j in jumps { instructions[j] = .jump(instructions.count) }
        case .repeated(let inner, let min, let max):
            for _ in 0..<min { emit(inner) }
            if let max {
                // Each optional copy: split(body, end-of-all).
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(instructions.count)
                    instructions.append(.split(instructions.count + 1, -1))
                    emit(inner)
                }
                for s in splits { instructions[s] = .split(s + 1, instructions.count) }
            } else {
                let loop = instructions.count
                instructions.append(.split(loop + 1, -1))
                emit(inner)
                instructions.append(.jump(loop))
                instructions[loop] = .split(loop + 1, instructions.count)
            }
        case .capture(let name, let inner):
            let k: Int
            if let existing = captures.firstIndex(of: name) { k = existing } else { captures.append(name); k = captures.count - 1 }
            instructions.append(.save(2 * k))
            emit(inner)
            instructions.append(.save(2 * k + 1))
        }
    }
}
