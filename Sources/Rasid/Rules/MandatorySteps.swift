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
            case .jump(let x): work.append(x)
            case .split(let x, let y): work.append(x); work.append(y)
            case .test, .annotation, .peek, .save: work.append(pc + 1)
            }
        }
        return false
    }
}
