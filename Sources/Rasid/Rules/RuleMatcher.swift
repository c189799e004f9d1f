/// What a pattern matched: a token range, its captures and the proclitics it left out.
///
/// The captures and proclitics of one run's matches share storage: an array and a dictionary
/// per match cost 8.3M of the 19.5M instructions that collecting them took on the 1 MB slice.
struct RuleMatch: Sendable {
    var start: Int
    var end: Int
    /// Token range of each capture (nil where the capture did not take part), by capture index.
    let captures: ArraySlice<Range<Int>?>
    /// The tokens whose proclitic the match left out (an annotation or a `~` test after a
    /// clitic), each once.
    let clitics: ArraySlice<LeftOutClitic>

    struct LeftOutClitic: Sendable {
        var token: Int32
        /// Code point where the token's part in the match starts.
        var start: Int32
    }

    func capture(_ k: Int) -> Range<Int>? { captures[captures.startIndex + k] }

    /// Where token `i`'s part in the match starts when the match left its proclitic out.
    func cliticStart(at i: Int) -> Int? {
        clitics.first { Int($0.token) == i }.map { Int($0.start) }
    }
}

/// Runs a `RuleProgram` over a token range with a Pike VM: every thread advances in step, so the
/// work is linear in the number of tokens times the program's size, whatever the pattern.
/// For each start token it reports the longest match.
///
/// A class: the engine reads a phase's matchers rule by rule, and a struct of a dozen arrays was
/// copied (retained and released) at each read.
final class RuleMatcher: Sendable {
    let program: RuleProgram
    /// `program.tests`: their roots in the engine's `TestTable`.
    let tests: [Int32]

    /// An instruction as plain values: the VM reads one per step, and `RuleProgram.Instruction`
    /// (which holds an `AnnotationFilter` with strings) would be retained and released each time.
    private struct Step {
        /// `branch` stands for a split or a jump (see `leaves`).
        enum Op: UInt8 { case test, annotation, peek, split, jump, branch, save, match }
        var op: Op
        /// test/peek: the test; split/jump: the target; branch: its first leaf in `leaves`; save:
        /// the slot; annotation: the filter index (-1: none).
        var a: Int32 = 0
        /// split: the second target; branch: its number of leaves; peek: 1 when negated.
        var b: Int32 = 0
        /// annotation: the type bit; branch: where its open leaves are (see `openLeaves`).
        var bit: UInt64 = 0
    }

    /// The VM's tables are `FrozenTable`s, not arrays: the loop read them with a bounds check
    /// and a load of the array's storage each time. With the pending threads taken straight onto
    /// the closure's stack and the annotation filter no longer copied, the VM went from 123.5M
    /// to 108.0M instructions on the 1 MB slice.
    private let steps: FrozenTable<Step>
    /// Per instruction, what the token must offer for its test (or annotation step) to pass, and
    /// for it to go anywhere: the same but for negated lookaheads, which go on where theirs fails
    /// (see `StepGuard`).
    private let conditions: FrozenTable<StepGuard>
    private let guards: FrozenTable<StepGuard>
    /// For each split or jump, the instructions other than splits and jumps it leads to through
    /// splits and jumps, in the order a depth-first walk preferring each split's first branch
    /// meets them. The VM pushes these at once instead of walking the chain of splits and jumps
    /// (macros such as `%NAME_PART{0,4}` are mostly such chains) at every position.
    private let leaves: FrozenTable<Int32>
    /// Per branch, its leaves that have no guard (`guards[pc].open`), in `leaves`' order, from
    /// `bit >> 32`, `bit & 0xFFFF_FFFF` of them; and what a token must offer for one of its other
    /// leaves to be pushed.
    private let openLeaves: FrozenTable<Int32>
    private let branchGuards: FrozenTable<StepGuard>
    /// The most threads one position's closure can push: each expanded branch pushes its leaves,
    /// each save or lookahead one thread.
    private let closurePushes: Int
    /// Annotation filters with a feature test, for the annotation steps that need them.
    private let filters: [AnnotationFilter]
    /// What a token must offer for one of the steps that can consume the first token of a match
    /// (its openers) to pass there.
    let openerFilter: OpenerFilter
    /// What the tokens every match needs must offer (see `RuleProgram.mandatoryInstructions`):
    /// a start with no token meeting one of these later in its sentence is no candidate.
    let requiredFilters: [OpenerFilter]
    /// The required tokens that lie a bounded distance after a match's start.
    let requiredReaches: [RequiredReach]

    /// - Parameter guarded: false leaves every step unguarded (the plain definition, for tests).
    init(program: RuleProgram, tests: [Int32], table: TestTable, vocabulary: RuleVocabulary, guarded: Bool = true) {
        self.program = program
        self.tests = tests
        var filters: [AnnotationFilter] = []
        let steps: [Step] = program.instructions.map { instruction in
            switch instruction {
            case .test(let t): return Step(op: .test, a: Int32(t))
            case .annotation(let f):
                let bit = vocabulary.typeBits[f.type].map { UInt64(1) << UInt64($0) } ?? 0
                var index: Int32 = -1
                if f.feature != nil { filters.append(f); index = Int32(filters.count - 1) }
                return Step(op: .annotation, a: index, bit: bit)
            case .peek(let t, let negated): return Step(op: .peek, a: Int32(t), b: negated ? 1 : 0)
            case .split(let x, let y): return Step(op: .split, a: Int32(x), b: Int32(y))
            case .jump(let x): return Step(op: .jump, a: Int32(x))
            case .save(let slot): return Step(op: .save, a: Int32(slot))
            case .match: return Step(op: .match)
            }
        }
        self.filters = filters
        let (branchedSteps, leaves) = Self.branching(steps)
        self.leaves = FrozenTable(leaves)
        let conditions = steps.map { step in
            guard guarded else { return StepGuard() }
            switch step.op {
            case .test, .peek: return StepGuard(test: tests[Int(step.a)], in: table)
            case .annotation: return StepGuard(start: step.bit)
            default: return StepGuard()
            }
        }
        self.conditions = FrozenTable(conditions)
        // A negated lookahead goes on where its test fails.
        let own = zip(steps, conditions).map { step, condition in step.op == .peek && step.b == 1 ? StepGuard() : condition.pushGuard }
        let pushGuards = guarded ? Self.throughZeroWidth(own, branchedSteps, leaves) : own
        guards = FrozenTable(pushGuards)
        // Per branch, the leaves with no guard, and what one of the others needs: where a token
        // offers none of it, the branch pushes those leaves only without looking at the others
        // (most tokens at most positions: 6.8M instructions fewer on the 1 MB slice).
        var open: [Int32] = [], unions = [StepGuard](repeating: StepGuard(), count: steps.count)
        var branched = branchedSteps
        for pc in branched.indices where branched[pc].op == .branch {
            let all = leaves[Int(branched[pc].a)..<Int(branched[pc].a + branched[pc].b)]
            let first = open.count
            open += all.filter { pushGuards[Int($0)].open }
            branched[pc].bit = UInt64(first) << 32 | UInt64(open.count - first)
            unions[pc] = StepGuard(anyOf: all.map { pushGuards[Int($0)] }.filter { !$0.open })
        }
        self.steps = FrozenTable(branched)
        openLeaves = FrozenTable(open)
        branchGuards = FrozenTable(unions)
        closurePushes = leaves.count + steps.count
        var seen = Set<Int>(), work = [0], openers: [Step] = []
        while let pc = work.popLast() {
            guard seen.insert(pc).inserted else { continue }
            let step = steps[pc]
            switch step.op {
            case .jump: work.append(Int(step.a))
            case .split: work.append(Int(step.a)); work.append(Int(step.b))
            case .save, .peek: work.append(pc + 1)
            case .test, .annotation, .match: openers.append(step)
            case .branch: preconditionFailure("branches are made below")
            }
        }
        var filter = OpenerFilter()
        for opener in openers {
            switch opener.op {
            case .test: filter.addTest(tests[Int(opener.a)], in: table)
            case .annotation: filter.addAnnotation(bit: opener.bit)
            default: filter.addAnything()
            }
        }
        openerFilter = filter
        func requiredFilter(_ pc: Int) -> OpenerFilter? {
            var required = OpenerFilter()
            switch steps[pc].op {
            case .test, .peek: required.addTest(tests[Int(steps[pc].a)], in: table)
            case .annotation: required.addAnnotation(bit: steps[pc].bit)
            default: return nil
            }
            return required.admitsAll ? nil : required
        }
        let mandatory = program.mandatoryInstructions()
        let mandatoryFilters = mandatory.map(requiredFilter)
        requiredFilters = mandatoryFilters.compactMap { $0 }
        let reaches = program.reaches()
        requiredReaches = zip(mandatory, mandatoryFilters).compactMap { pc, filter in
            guard let filter, let reach = reaches[pc] else { return nil }
            // A type no rule vocabulary holds has no annotations: its steps never pass.
            let annotations = reach.annotations.compactMap { type, count in
                vocabulary.typeBits[type].map { RequiredReach.AnnotationSteps(bit: $0, count: count) }
            }
            return RequiredReach(filter: filter, tokens: reach.tokens, annotations: annotations)
        }
    }

    /// Push guards carried back through the steps that consume nothing: a save, a negated
    /// lookahead (or one whose test has no guard) and a branch go nowhere at a token where what
    /// follows them goes nowhere, so a thread is not pushed to them there either. Before, the name
    /// macros' `(?! $NAME_STOP | …) @GIVEN_NAME` pushed and popped the lookahead at every position
    /// of a name, and every save before a test.
    private static func throughZeroWidth(_ own: [StepGuard], _ steps: [Step], _ leaves: [Int32]) -> [StepGuard] {
        var found = [StepGuard?](repeating: nil, count: steps.count)
        var visiting = Set<Int>()
        func effective(_ pc: Int) -> StepGuard {
            if let g = found[pc] { return g }
            // A cycle of steps that consume nothing: no guard is carried round it.
            guard visiting.insert(pc).inserted else { return StepGuard() }
            defer { visiting.remove(pc) }
            let step = steps[pc]
            var g = own[pc]
            switch step.op {
            case .save: g = effective(pc + 1)
            case .peek where g.open: g = effective(pc + 1)
            case .branch:
                let next = leaves[Int(step.a)..<Int(step.a + step.b)].map { effective(Int($0)) }
                g = next.contains(where: \.open) ? StepGuard() : StepGuard(anyOf: next)
            default: break
            }
            found[pc] = g
            return g
        }
        return steps.indices.map(effective)
    }

    /// `steps` with every split and jump made a `branch` over its leaves (see `leaves`).
    private static func branching(_ steps: [Step]) -> ([Step], [Int32]) {
        var result = steps, leaves: [Int32] = []
        for (pc, step) in steps.enumerated() where step.op == .split || step.op == .jump {
            let first = leaves.count
            var seen = Set<Int32>(), stack = [Int32(pc)]
            while let k = stack.popLast() {
                guard seen.insert(k).inserted else { continue }
                let s = steps[Int(k)]
                switch s.op {
                case .split: stack.append(s.b); stack.append(s.a)
                case .jump: stack.append(s.a)
                default: leaves.append(k)
                }
            }
            result[pc] = Step(op: .branch, a: Int32(first), b: Int32(leaves.count - first))
        }
        return (result, leaves)
    }

    /// The tokens of the sentences where a match may start: the opener filter admits the token,
    /// each required filter some token from there to the end of the sentence, and each required
    /// reach some token within its distance. These are the
    /// only positions `matches` needs to visit when no thread is pending.
    ///
    /// - Parameter unions: `facts.unionsToSentenceEnd(sentences)`. A required filter of masks
    ///   admits a token's union for every token up to the last one it admits, so that token is
    ///   found by a binary search; a sentence scan for each required filter of each rule was 6%
    ///   of run time. Filters that name words are found the same way through the unions' word
    ///   bits, then by a scan back (see `startLimit`).
    ///
    /// The plain definition of what `RuleEngine` finds for all of a phase's rules at once.
    func candidateStarts(in facts: DocumentFacts, sentences: [Range<Int>], unions: [TokenMasks]) -> [Int32] {
        var starts: [Int32] = []
        let distances = requiredReaches.map { $0.distance(in: facts) }
        for sentence in sentences {
            let limit = startLimit(in: sentence, facts: facts, unions: unions)
            for i in sentence.lowerBound..<limit where facts.admits(openerFilter, at: i) {
                let reached = zip(requiredReaches, distances).allSatisfy { required, distance in
                    facts.admitsWithin(required.filter, from: i, distance: distance, in: sentence)
                }
                if reached { starts.append(Int32(i)) }
            }
        }
        return starts
    }

    /// No match starts at or after this token of `sentence`: from there on, some required
    /// filter admits no token up to the sentence's end.
    func startLimit(in sentence: Range<Int>, facts: DocumentFacts, unions: [TokenMasks]) -> Int {
        Self.startLimit(requiredFilters, in: sentence, facts: facts, unions: unions)
    }

    static func startLimit(_ requiredFilters: [OpenerFilter], in sentence: Range<Int>, facts: DocumentFacts, unions: [TokenMasks]) -> Int {
        var limit = sentence.upperBound
        for required in requiredFilters where limit > sentence.lowerBound {
            if required.hasWords {
                // No token from the first whose union has neither the masks nor a word bit of the
                // filter is admitted; a word bit stands for several words, so the last token
                // admitted is looked for from there back (a scan from the sentence's end cost 2.6M
                // instructions more on the 1 MB slice).
                var low = sentence.lowerBound, high = sentence.upperBound
                while low < high {
                    let middle = (low + high) / 2
                    if required.admitsMasks(unions[middle]) || unions[middle].words & required.wordBits != 0 { low = middle + 1 } else { high = middle }
                }
                var last = low - 1
                while last >= sentence.lowerBound && !facts.admits(required, at: last) { last -= 1 }
                limit = min(limit, last + 1)
            } else {
                // The first token from which on the filter admits nothing.
                var low = sentence.lowerBound, high = limit
                while low < high {
                    let middle = (low + high) / 2
                    if required.admitsMasks(unions[middle]) { low = middle + 1 } else { high = middle }
                }
                limit = low
            }
        }
        return limit
    }

    /// The longest match at each start in `range`; `starts` are the candidate starts inside it,
    /// and the only positions where a thread starts.
    func matches(in facts: DocumentFacts, range: Range<Int>, starts: ArraySlice<Int32>, scratch: MatcherScratch) -> [RuleMatch] {
        // Once per call: `guardToken` reads the token's masks unchecked at every position.
        precondition(facts.forRules && range.lowerBound >= 0 && range.upperBound <= facts.tokens.count,
                     "a range of tokens of a document whose facts were made for rules")
        // The tables as buffers, taken once: read through the tables (not copyable), each read
        // loaded the table from `self` again (the VM 0.6M instructions more on c1 with rules; as
        // copyable structs freed by hand, 0.2M more than these).
        let steps = self.steps.buffer, conditions = self.conditions.buffer, guards = self.guards.buffer
        let leaves = self.leaves.buffer, openLeaves = self.openLeaves.buffer, branchGuards = self.branchGuards.buffer
        let tests = self.tests
        let count = range.count
        let startMasks = facts.startMasks
        scratch.reset(positions: count + 1, steps: steps.count)
        var arrivals: Int32 = 0
        var nextStart = starts.startIndex
        var offset = -1
        while offset < count {
            offset += 1
            let p = range.lowerBound + offset
            while nextStart < starts.endIndex && Int(starts[nextStart]) < p { nextStart += 1 }
            let admitted = nextStart < starts.endIndex && Int(starts[nextStart]) == p
            if !scratch.hasPending(offset) {
                // An admitted start is run even where its openers fail there: checking them first
                // only to run them again in the closure cost more than the threads that die at once.
                if !admitted {
                    // Nothing under way: go straight to the next candidate start, if any.
                    if scratch.waiting == 0 {
                        guard let next = starts[nextStart...].first(where: { Int($0) > p }) else { break }
                        offset = Int(next) - range.lowerBound - 1
                    }
                    continue
                }
            }
            // The threads go onto the closure's stack in priority order, the first on top: earlier
            // starts first, so that at a shared state the leftmost thread is kept (leftmost-longest),
            // and the new start's thread (the latest start) at the bottom. Taken straight from the
            // pending list, not through a queue copied, checked, reversed and copied again.
            scratch.reserveClosure(threads: scratch.waiting + 1, steps: steps.count, pushes: closurePushes)
            let stack = scratch.stack, visited = scratch.visited
            let stamp = scratch.nextStamp()
            let token = p < range.upperBound ? facts.guardToken(p) : .end
            // Depth-first closure in priority order: a stack holding the preferred branch on top.
            // A thread is not pushed to an instruction already expanded at this position, nor to
            // one whose guard shows it goes nowhere here (it would only be popped and fail).
            var depth = 0
            func push(_ t: MatcherScratch.Thread) {
                if visited[Int(t.pc)] != stamp && guards[Int(t.pc)].admitsMasks(token) { stack[depth] = t; depth += 1 }
            }
            // The new start's thread too: most starts' first steps go nowhere at most tokens where
            // threads are pending. Only at a start in `starts`: other positions were given a thread
            // too where threads were pending, which the filters that make `starts` show ends in no
            // match (1.9M instructions on the 1 MB slice).
            if admitted { push(.init(pc: 0, start: Int32(p), order: -1, log: -1)) }
            depth = scratch.takePending(offset, onto: stack, above: depth)
            while depth > 0 {
                depth -= 1
                let thread = stack[depth]
                if visited[Int(thread.pc)] == stamp { continue }
                visited[Int(thread.pc)] = stamp
                let step = steps[Int(thread.pc)]
                switch step.op {
                case .branch:
                    // The first leaf ends on top.
                    if branchGuards[Int(thread.pc)].admitsMasks(token) {
                        var k = Int(step.a) + Int(step.b)
                        while k > Int(step.a) { k -= 1; var t = thread; t.pc = leaves[k]; push(t) }
                    } else {
                        let first = Int(step.bit >> 32)
                        var k = first + Int(step.bit & 0xFFFF_FFFF)
                        while k > first { k -= 1; var t = thread; t.pc = openLeaves[k]; push(t) }
                    }
                case .split, .jump:
                    preconditionFailure("splits and jumps are branches once compiled")
                case .save:
                    var t = thread; t.log = scratch.record(slot: step.a, value: Int32(p), previous: t.log); t.pc += 1
                    push(t)
                case .peek:
                    // Most lookaheads are negated (`(?! $NAME_STOP | …)`) and their tests fail: the
                    // condition answers for most without a `passes` call (2.8M instructions on 1 MB).
                    let condition = conditions[Int(thread.pc)]
                    let passes = p < range.upperBound && condition.admits(token, shape: { facts.shape(p) })
                        && (condition.exact || facts.passes(tests[Int(step.a)], at: p) != nil)
                    if passes != (step.b == 1) { var t = thread; t.pc += 1; push(t) }
                case .test:
                    // An exact condition is the test (a thread taken from the pending list came past no guard).
                    let condition = conditions[Int(thread.pc)]
                    guard p < range.upperBound, let cliticStart = condition.exact ? (condition.admits(token, shape: { facts.shape(p) }) ? -1 : nil)
                                                                                  : facts.passes(tests[Int(step.a)], at: p) else { continue }
                    var t = thread; t.pc += 1; t.order = arrivals; arrivals += 1
                    if cliticStart >= 0 { t.log = scratch.record(clitic: p, start: cliticStart, previous: t.log) }
                    scratch.add(t, at: offset + 1)
                case .annotation:
                    guard p < range.upperBound, startMasks[p] & step.bit != 0 else { continue }
                    // The filter is read where it is needed, not copied (retaining its strings).
                    var k = facts.firstAnnotation[p]
                    while k >= 0 {
                        let a = facts.annotations[Int(k)]
                        k = a.next
                        guard a.typeBit == step.bit && a.endToken <= range.upperBound
                            && (step.a < 0 || facts.accepts(filters[Int(step.a)], a)) else { continue }
                        var t = thread; t.pc += 1; t.order = arrivals; arrivals += 1
                        if a.start > facts.tokens[p].start {
                            t.log = scratch.record(clitic: p, start: Int(a.start), previous: t.log)
                        }
                        scratch.add(t, at: Int(a.endToken) - range.lowerBound)
                    }
                case .match:
                    guard p > Int(thread.start) else { continue }
                    // Later positions are longer matches of the same start; the first thread to match here has priority.
                    scratch.offerMatch(start: Int(thread.start) - range.lowerBound, end: Int32(p), log: thread.log)
                }
            }
        }
        return scratch.collectMatches(base: range.lowerBound, captureCount: program.captures.count)
    }
}
