/// What a pattern matched: a token range and its captures.
public struct RuleMatch: Sendable {
    public var start: Int
    public var end: Int
    /// Token range of each capture (nil where the capture did not take part).
    public var captures: [Range<Int>?]
    /// Code-point start of a token whose proclitic the match left out (an annotation or a `~` test after a clitic).
    public var cliticStarts: [Int: Int]
}

/// Runs a `RuleProgram` over a token range with a Pike VM: every thread advances in step, so the
/// work is linear in the number of tokens times the program's size, whatever the pattern.
/// For each start token it reports the longest match.
struct RuleMatcher {
    private struct Thread {
        var pc: Int
        var start: Int
        /// Arrival order, to keep the sort below stable.
        var order = 0
        var slots: [Int]
        var cliticStarts: [Int: Int]
    }

    let program: RuleProgram
    /// `program.tests`, compiled against the rules' vocabulary.
    let tests: [CompiledTest]
    /// The instructions that can consume the first token of a match: where none of them can at a
    /// position and no thread is pending there, nothing starts there and the position is skipped.
    private let openers: [(RuleProgram.Instruction, UInt64)]

    /// Per instruction: the type bit of an `annotation` instruction (0 for others).
    private let annotationBits: [UInt64]

    init(program: RuleProgram, tests: [CompiledTest], vocabulary: RuleVocabulary) {
        self.program = program
        self.tests = tests
        annotationBits = program.instructions.map {
            guard case .annotation(let f) = $0, let bit = vocabulary.typeBits[f.type] else { return 0 }
            return 1 << UInt64(bit)
        }
        var seen = Set<Int>(), work = [0], openers: [(RuleProgram.Instruction, UInt64)] = []
        while let pc = work.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch program.instructions[pc] {
            case .jump(let t): work.append(t)
            case .split(let a, let b): work.append(a); work.append(b)
            case .save, .peek: work.append(pc + 1)
            case .test, .annotation: openers.append((program.instructions[pc], annotationBits[pc]))
            case .match: openers.append((.match, 0))
            }
        }
        self.openers = openers
    }

    /// Whether a match could start at token `p`.
    private func mayStart(_ facts: DocumentFacts, at p: Int) -> Bool {
        for (opener, bit) in openers {
            switch opener {
            case .test(let t): if facts.passes(tests[t], at: p) != nil { return true }
            case .annotation(let f):
                if facts.startMasks[p] & bit != 0, f.feature == nil || facts.byStart[p].contains(where: f.accepts) { return true }
            default: return true
            }
        }
        return false
    }

    func matches(in facts: DocumentFacts, range: Range<Int>) -> [RuleMatch] {
        let program = self.program
        let tests = self.tests
        let count = range.count
        let slotCount = program.captures.count * 2
        var pending = [[Thread]](repeating: [], count: count + 1)
        var best: [Int: RuleMatch] = [:]
        var visited = [Int](repeating: -1, count: program.instructions.count)
        var arrivals = 0

        var stack: [Thread] = []
        let emptySlots = Array(repeating: -1, count: slotCount)
        for offset in 0...count {
            let p = range.lowerBound + offset
            if pending[offset].isEmpty && (offset == count || !mayStart(facts, at: p)) { continue }
            var queue = pending[offset]
            pending[offset] = []
            if offset < count { queue.append(Thread(pc: 0, start: p, slots: emptySlots, cliticStarts: [:])) }
            // Earlier starts first: at a shared state the leftmost thread is kept (leftmost-longest).
            if queue.count > 1 { queue.sort { ($0.start, $0.order) < ($1.start, $1.order) } }
            stack.removeAll(keepingCapacity: true)
            for seed in queue.reversed() { stack.append(seed) }
            // Depth-first closure in priority order: a stack holding the preferred branch on top.
            while let thread = stack.popLast() {
                if visited[thread.pc] == p { continue }
                visited[thread.pc] = p
                switch program.instructions[thread.pc] {
                case .jump(let target):
                    var t = thread; t.pc = target; stack.append(t)
                case .split(let first, let second):
                    var a = thread; a.pc = first
                    var b = thread; b.pc = second
                    stack.append(b); stack.append(a)
                case .save(let slot):
                    var t = thread; t.slots[slot] = p; t.pc += 1; stack.append(t)
                case .peek(let test, let negated):
                    let passes = p < range.upperBound && facts.passes(tests[test], at: p) != nil
                    if passes != negated { var t = thread; t.pc += 1; stack.append(t) }
                case .test(let test):
                    guard p < range.upperBound, let cliticStart = facts.passes(tests[test], at: p) else { continue }
                    var t = thread; t.pc += 1; t.order = arrivals; arrivals += 1
                    if cliticStart >= 0 { t.cliticStarts[p] = cliticStart }
                    pending[offset + 1].append(t)
                case .annotation(let filter):
                    let bit = annotationBits[thread.pc]
                    guard p < range.upperBound, facts.startMasks[p] & bit != 0 else { continue }
                    for annotation in facts.byStart[p] where annotation.typeBit == bit && annotation.endToken <= range.upperBound
                        && (filter.feature == nil || filter.accepts(annotation)) {
                        var t = thread; t.pc += 1; t.order = arrivals; arrivals += 1
                        if annotation.start > facts.tokens[p].start { t.cliticStarts[p] = annotation.start }
                        pending[annotation.endToken - range.lowerBound].append(t)
                    }
                case .match:
                    guard p > thread.start else { continue }
                    let captures: [Range<Int>?] = (0..<program.captures.count).map { k in
                        let s = thread.slots[2 * k], e = thread.slots[2 * k + 1]
                        return s >= 0 && e >= s ? s..<e : nil
                    }
                    // Later positions are longer matches of the same start; the first thread to match here has priority.
                    if let existing = best[thread.start], existing.end == p { continue }
                    best[thread.start] = RuleMatch(start: thread.start, end: p, captures: captures, cliticStarts: thread.cliticStarts)
                }
            }
        }
        return best.values.sorted { $0.start < $1.start }
    }
}
