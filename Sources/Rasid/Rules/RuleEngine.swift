/// Runs the rule phases over a document's facts and collects what their actions propose.
struct RuleEngine: Sendable {
    let rules: RuleSet
    let vocabulary: RuleVocabulary
    /// Every rule's token tests; the matchers hold indices into it.
    let tests: TestTable
    /// Per phase, per rule: the matcher with its compiled tests.
    let matchers: [[RuleMatcher]]
    /// Per phase, the opener filters of each group of 64 of its rules, inverted.
    private let openers: [[OpenerIndex]]
    /// Per phase, per rule: `RuleMatcher.requiredFilters`, as `startsByRule` reads them per sentence.
    private let required: [[[OpenerFilter]]]
    /// Per phase, every rule's `RuleMatcher.requiredReaches` one after another, and per rule where
    /// its own are in that array.
    private let reaches: [[RequiredReach]]
    private let reachRanges: [[Range<Int>]]
    /// Per phase, per rule: its actions with capture slots resolved.
    private let plans: [[ActionPlan]]

    /// - Parameter types: every annotation type rules may meet (gazetteer types, entity types).
    init(rules: RuleSet, types: Set<String>) throws {
        var allTypes = types
        for rule in rules.rules {
            for action in rule.actions { if case .entity(_, let type, _) = action { allTypes.insert(type) } }
            for t in rule.program.tests { Self.collectTypes(t, into: &allTypes) }
            for case .annotation(let f) in rule.program.instructions { allTypes.insert(f.type) }
        }
        var vocabulary = try RuleVocabulary(lists: rules.lists, types: allTypes)
        var table = TestTable()
        matchers = rules.phases.map { phase in
            phase.rules.map { rule in
                let tests = rule.program.tests.map { table.add($0, &vocabulary) }
                return RuleMatcher(program: rule.program, tests: tests, table: table, vocabulary: vocabulary)
            }
        }
        openers = matchers.map { phase in
            stride(from: 0, to: phase.count, by: 64).map { base in
                OpenerIndex(phase[base..<min(base + 64, phase.count)].map(\.openerFilter))
            }
        }
        plans = rules.phases.map { $0.rules.map(ActionPlan.init) }
        required = matchers.map { $0.map(\.requiredFilters) }
        reaches = matchers.map { $0.flatMap(\.requiredReaches) }
        reachRanges = matchers.map { phase in
            var first = 0
            return phase.map { matcher in
                defer { first += matcher.requiredReaches.count }
                return first..<(first + matcher.requiredReaches.count)
            }
        }
        self.rules = rules
        self.vocabulary = vocabulary
        self.tests = table
    }

    private static func collectTypes(_ t: TokenTest, into types: inout Set<String>) {
        switch t {
        case .covered(let f): types.insert(f.type)
        case .not(let inner): collectTypes(inner, into: &types)
        case .and(let parts), .or(let parts): for p in parts { collectTypes(p, into: &types) }
        default: break
        }
    }

    struct Output {
        var entities: [EntityCandidate] = []
        var relations: [RelationCandidate] = []
    }

    /// The candidates one phase proposes, sentence by sentence.
    /// - Parameter sentences: in order and apart (each ends at or before the next one's start;
    ///   some may be empty), inside the document's tokens, as `SentenceSplitter` makes them.
    ///   `unionsToSentenceEnd` checks it (its writes are unchecked), and the walk below finds
    ///   each start's sentence by reading on.
    func run(phase index: Int, facts: DocumentFacts, sentences: [Range<Int>], orderBase: Int) -> Output {
        precondition(facts.forRules, "rules read the facts a document makes only for rules")
        assert(zip(sentences, sentences.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound }, "sentences in order and apart")
        var out = Output()
        let scratch = MatcherScratch()
        let allStarts = startsByRule(phase: index, facts: facts, sentences: sentences)
        // By index: iterating the rules and matchers copied each (retaining and releasing every
        // array they hold), 5.5M instructions on the 1 MB slice.
        let matchers = self.matchers[index], plans = self.plans[index]
        for r in matchers.indices {
            let matcher = matchers[r], plan = plans[r]
            // A sentence with no candidate start is skipped whole: most rules open on something rare.
            // The starts ascend, and so do the sentences: each start's sentence is found by reading
            // on (a map from each token to its sentence, made per phase, cost 1M on c1).
            let starts = allStarts[r]
            var first = starts.startIndex, s = 0
            while first < starts.endIndex {
                while sentences[s].upperBound <= Int(starts[first]) { s += 1 }
                let sentence = sentences[s]
                var end = first + 1
                while end < starts.endIndex && Int(starts[end]) < sentence.upperBound { end += 1 }
                // By index: iterating copied each match (retaining and releasing its two slices).
                let matches = matcher.matches(in: facts, range: sentence, starts: starts[first..<end], scratch: scratch)
                for k in matches.indices {
                    apply(plan, matches[k], facts: facts, sentence: sentence, into: &out, order: orderBase)
                }
                first = end
            }
        }
        return out
    }

    /// Each rule's candidate starts of a phase, one rule's after another in one array.
    struct StartsByRule {
        let tokens: [Int32]
        /// Per rule: where its starts are in `tokens`.
        let ends: [Int]

        subscript(rule: Int) -> ArraySlice<Int32> { tokens[(rule == 0 ? 0 : ends[rule - 1])..<ends[rule]] }
    }

    /// `startsByRule` as one array per rule. For tests only (against each rule's
    /// `RuleMatcher.candidateStarts`).
    func candidateStarts(phase index: Int, facts: DocumentFacts, sentences: [Range<Int>]) -> [[Int32]] {
        let starts = startsByRule(phase: index, facts: facts, sentences: sentences)
        return matchers[index].indices.map { Array(starts[$0]) }
    }

    /// Each rule's `RuleMatcher.candidateStarts` of a phase, found for all its rules in one pass
    /// over the tokens. A rule's start limit in a sentence (its required tokens) is worked out only
    /// where its opener admits a token there: for most rules and sentences none does. Its required
    /// reaches are checked only at a start that passes the rest.
    ///
    /// The starts are gathered as (rule, token) in the order found and then sorted by rule, which
    /// keeps each rule's ascending: appended to an array per rule, they grew each of those
    /// arrays by reallocating (with `admitted`'s growth, 5.2M instructions on c1 with rules).
    func startsByRule(phase index: Int, facts: DocumentFacts, sentences: [Range<Int>]) -> StartsByRule {
        precondition(facts.forRules, "rules read the facts a document makes only for rules")
        let phase = matchers[index]
        guard !phase.isEmpty else { return StartsByRule(tokens: [], ends: []) }
        let unions = facts.unionsToSentenceEnd(sentences)
        let reachRanges = self.reachRanges[index], required = self.required[index]
        // The state is declared inside the closures: captured by them, each access to it was
        // checked for exclusivity (11M instructions on c1 with rules).
        let (gathered, perRule) = reaches[index].withUnsafeBufferPointer { reaches in
        facts.withMaskColumns { columns in
            var limits = [Int](repeating: 0, count: 64)
            // The sentence's tokens some rule of the group opens at, with those rules.
            var admitted: [(token: Int, rules: UInt64)] = []
            // Each start found: its rule in the high half, its token in the low; and how many each rule has.
            var gathered: [UInt64] = []
            // Room made once: grown from empty, the two reallocated ~4,000 and ~3,000 times on c1
            // (startsByRule 43.3M -> 40.2M instructions).
            admitted.reserveCapacity(128)
            gathered.reserveCapacity(facts.tokens.count / 2)
            var perRule = [Int](repeating: 0, count: phase.count)
            var scan = ReachScan(reaches, facts, columns)
            defer { scan.deallocate() }
            for (g, opener) in openers[index].enumerated() {
                let base = g * 64
                // Rules that open at any token are kept out of `admitted`: they would put every token
                // there (all of phase 1's, for `place_before_coordinated_places`).
                let anywhere = opener.anywhere
                for sentence in sentences where !sentence.isEmpty {
                    admitted.removeAll(keepingCapacity: true)
                    var any = anywhere
                    for i in sentence {
                        let found = opener.rules(at: i, columns, in: facts) & ~anywhere
                        if found != 0 { admitted.append((i, found)); any |= found }
                    }
                    guard any != 0 else { continue }  // no rule of the group can start in this sentence
                    var pending = any
                    while pending != 0 {
                        let k = pending.trailingZeroBitCount
                        pending &= pending - 1
                        limits[k] = RuleMatcher.startLimit(required[base + k], in: sentence, facts: facts, unions: unions)
                    }
                    scan.reset(sentence)
                    pending = anywhere
                    while pending != 0 {
                        let k = pending.trailingZeroBitCount
                        pending &= pending - 1
                        for i in sentence.lowerBound..<limits[k] where scan.reached(reachRanges[base + k], from: i) {
                            Self.gather(rule: base + k, token: i, into: &gathered, counts: &perRule)
                        }
                    }
                    for (i, rules) in admitted {
                        var pending = rules
                        while pending != 0 {
                            let k = pending.trailingZeroBitCount
                            pending &= pending - 1
                            if i < limits[k] && scan.reached(reachRanges[base + k], from: i) {
                                Self.gather(rule: base + k, token: i, into: &gathered, counts: &perRule)
                            }
                        }
                    }
                }
            }
            return (gathered, perRule)
        }
        }
        // Sorted by rule, stably: each rule's starts were found in ascending order.
        var ends = [Int](repeating: 0, count: phase.count)
        var total = 0
        for r in perRule.indices {
            total += perRule[r]
            ends[r] = total
        }
        // None: an array made with no capacity is the shared empty array, whose count the
        // initialiser below would write (a data race between workers, ThreadSanitizer found).
        guard total > 0 else { return StartsByRule(tokens: [], ends: ends) }
        let tokens = [Int32](unsafeUninitializedCapacity: total) { tokens, count in
            // Where each rule's next start goes.
            var next = ends
            for r in next.indices { next[r] -= perRule[r] }
            for start in gathered {
                let r = Int(start >> 32)
                tokens[next[r]] = Int32(truncatingIfNeeded: start)
                next[r] += 1
            }
            count = total
        }
        return StartsByRule(tokens: tokens, ends: ends)
    }

    /// Adds a start found (its rule in the high half, its token in the low) and counts it for its
    /// rule. Its arrays are passed in: captured by a local function, each access to them was
    /// checked for exclusivity (2M instructions on c1 with rules).
    @inline(__always)
    private static func gather(rule: Int, token: Int, into gathered: inout [UInt64], counts perRule: inout [Int]) {
        gathered.append(UInt64(rule) << 32 | UInt64(token))
        perRule[rule] += 1
    }

    /// Checks required reaches (`RequiredReach`) at the ascending starts of each rule in one
    /// sentence: each token is checked at most once per reach and sentence.
    ///
    /// Its state is in buffers it allocates (`deallocate` frees them): kept in arrays, each write
    /// checked their uniqueness, and `reached` (not inlined) cost 12M on c1 with rules.
    private struct ReachScan {
        let reaches: UnsafeBufferPointer<RequiredReach>
        let facts: DocumentFacts
        let columns: TokenMaskColumns
        var sentence: Range<Int> = 0..<0
        /// Per reach: how far it reaches in this document, the last token found admitted, and the
        /// first token (from the current start on) not yet checked.
        let distances: UnsafeMutableBufferPointer<Int>
        let found: UnsafeMutableBufferPointer<Int>
        let scanned: UnsafeMutableBufferPointer<Int>

        init(_ reaches: UnsafeBufferPointer<RequiredReach>, _ facts: DocumentFacts, _ columns: TokenMaskColumns) {
            self.reaches = reaches
            self.facts = facts
            self.columns = columns
            distances = .allocate(capacity: reaches.count)
            found = .allocate(capacity: reaches.count)
            scanned = .allocate(capacity: reaches.count)
            for r in reaches.indices { distances[r] = reaches[r].distance(in: facts) }
        }

        func deallocate() {
            distances.deallocate()
            found.deallocate()
            scanned.deallocate()
        }

        mutating func reset(_ sentence: Range<Int>) {
            self.sentence = sentence
            for r in reaches.indices { (found[r], scanned[r]) = (-1, sentence.lowerBound) }
        }

        /// Whether each of `rule`'s reaches finds its token within its distance from `i`.
        @inline(__always)
        func reached(_ rule: Range<Int>, from i: Int) -> Bool {
            for r in rule {
                // Found for an earlier start within its reach, so within this one's too.
                if found[r] >= i { continue }
                var j = max(i, scanned[r])
                let last = min(i + distances[r], sentence.upperBound - 1)
                while j <= last && !facts.admits(reaches[r].filter, at: j, columns) { j += 1 }
                scanned[r] = max(scanned[r], min(j, last) + 1)
                guard j <= last else { return false }
                found[r] = j
            }
            return true
        }
    }

    private func apply(_ plan: ActionPlan, _ m: RuleMatch, facts: DocumentFacts, sentence: Range<Int>,
                       into out: inout Output, order: Int) {
        for action in plan.actions {
            switch action {
            case .entity(let span, let type, let features):
                guard let r = m.range(span), !r.isEmpty else { continue }
                // Sized once: growing from empty reallocated at the first, second and third feature.
                // None (most rules): the empty dictionary, which `minimumCapacity: 0` allocated anyway.
                var values = features.isEmpty ? [:] : [String: String](minimumCapacity: features.count)
                for (key, value) in features {
                    switch value {
                    case .literal(let v): values[key] = v
                    case .text(let span):
                        if let cr = m.range(span), !cr.isEmpty { values[key] = facts.originalText(cr, from: m.cliticStart(at: cr.lowerBound)) }
                    case .feature(let span, let feature):
                        if let cr = m.range(span), let v = facts.lastFeature(feature, inside: cr) { values[key] = v }
                    }
                }
                let start = m.cliticStart(at: r.lowerBound) ?? Int(facts.tokens[r.lowerBound].start)
                out.entities.append(EntityCandidate(
                    start: start, end: Int(facts.tokens[r.upperBound - 1].end), firstToken: r.lowerBound, endToken: r.upperBound,
                    type: type, canonical: nil, source: plan.rule, features: values,
                    priority: 10 + plan.priority, order: order + out.entities.count))
            case .relation(let type, let arguments):
                // A relation without a person is dropped: known before its arguments are hashed in
                // (looking "person" up in them after cost 0.8M instructions on c1 with rules).
                guard arguments.contains(where: { $0.isPerson && !(m.range($0.span)?.isEmpty ?? true) }) else { continue }
                var bound = [String: Range<Int>](minimumCapacity: arguments.count)
                for (attribute, span, _) in arguments {
                    if let r = m.range(span), !r.isEmpty { bound[attribute] = r }
                }
                let span = Int(facts.tokens[sentence.lowerBound].start)..<Int(facts.tokens[sentence.upperBound - 1].end)
                out.relations.append(RelationCandidate(type: type, rule: plan.rule, priority: plan.priority, arguments: bound, sentence: span, match: m.start..<m.end))
            }
        }
    }
}

extension DocumentFacts {
    /// The value of `feature` on the last annotation inside `r` that has it: the latest start,
    /// and among those starting there the first added.
    func lastFeature(_ feature: String, inside r: Range<Int>) -> String? {
        for i in r.reversed() {
            var k = firstAnnotation[i]
            while k >= 0 {
                let a = annotations[Int(k)]
                if a.endToken <= r.upperBound, let v = self.feature(feature, of: a) { return v }
                k = a.next
            }
        }
        return nil
    }

    /// The original text of a token range, from code point `start` where a match left out the
    /// first token's proclitic.
    func originalText(_ r: Range<Int>, from start: Int? = nil) -> String {
        let start = start ?? Int(tokens[r.lowerBound].start)
        return slice(start, Int(tokens[r.upperBound - 1].end))
    }
}
