extension RuleProgram {
    /// The instructions every match passes through: tests, annotation steps and (non-negated)
    /// lookaheads that lie on every path from the start to `match`. Each is a token the match
    /// needs somewhere at or after its start, so a sentence that has no such token after a
    /// candidate start cannot hold a match from there.
    ///
    /// An instruction is mandatory when `match` cannot be reached once it is taken out of the
    /// graph. Programs are a few hundred instructions, so the quadratic search costs nothing
    /// next to loading the rules.
    func mandatoryInstructions() -> [Int] {
        instructions.indices.filter { pc in
            switch instructions[pc] {
            case .test, .annotation, .peek(_, negated: false): return !reachesMatch(avoiding: pc)
            default: return false
            }
        }
    }

    private func reachesMatch(avoiding blocked: Int) -> Bool {
        var seen = Set<Int>([blocked])
        var work = [0]
        while let pc = work.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch instructions[pc] {
            case .match: return true
            default: forEachSuccessor(of: pc) { work.append($0) }
            }
        }
        return false
    }

    /// Calls `body` with each instruction a thread at `pc` goes on to (no array: the search above
    /// runs once per instruction over the whole program).
    @inline(__always)
    private func forEachSuccessor(of pc: Int, _ body: (Int) -> Void) {
        switch instructions[pc] {
        case .match: break
        case .jump(let x): body(x)
        case .split(let x, let y): body(x); body(y)
        case .test, .annotation, .peek, .save: body(pc + 1)
        }
    }
    /// The most tokens a match can have consumed before it reaches an instruction: tokens consumed
    /// one at a time, and annotation steps by type (each consumes a whole annotation, as long as
    /// the document's longest of that type at most). nil where a loop lies on a path from the start
    /// to it (a repeat with no upper bound), or where it cannot be reached.
    struct Reach {
        var tokens = 0
        var annotations: [String: Int] = [:]

        /// The larger of each count (a bound for both paths, not always the length of one).
        func merged(with other: Reach) -> Reach {
            Reach(tokens: max(tokens, other.tokens), annotations: annotations.merging(other.annotations, uniquingKeysWith: max))
        }
    }

    /// `Reach` for every instruction. A needed token that lies at most this far after a
    /// candidate start must be found there (see `RuleMatcher.requiredReaches`): a start far from
    /// any such token holds no match, even where the sentence has one further on.
    func reaches() -> [Reach?] {
        let n = instructions.count
        var predecessors = [[Int]](repeating: [], count: n)
        for u in 0..<n {
            forEachSuccessor(of: u) { v in if v < n { predecessors[v].append(u) } }
        }
        enum Found { case unreachable, bounded(Reach), unbounded }
        enum State { case unknown, visiting, known(Found) }
        var states = [State](repeating: .unknown, count: n)
        // Longest paths by a walk back over predecessors; meeting an instruction still being
        // worked out means a cycle, taken as unbounded (only ever a weaker bound).
        func visit(_ v: Int) -> Found {
            switch states[v] {
            case .known(let found): return found
            case .visiting: return .unbounded
            case .unknown: break
            }
            states[v] = .visiting
            var result: Found = v == 0 ? .bounded(Reach()) : .unreachable
            for u in predecessors[v] {
                let found = visit(u)
                guard case .bounded(var before) = found else {
                    if case .unbounded = found { result = .unbounded }
                    continue
                }
                switch instructions[u] {
                case .test: before.tokens += 1
                case .annotation(let f): before.annotations[f.type, default: 0] += 1
                default: break
                }
                switch result {
                case .unbounded: break
                case .unreachable: result = .bounded(before)
                case .bounded(let other): result = .bounded(other.merged(with: before))
                }
            }
            states[v] = .known(result)
            return result
        }
        return (0..<n).map { if case .bounded(let reach) = visit($0) { reach } else { nil } }
    }
}
