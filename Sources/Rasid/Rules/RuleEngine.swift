/// Runs the rule phases over a document's facts and collects what their actions propose.
struct RuleEngine: Sendable {
    let rules: RuleSet
    let vocabulary: RuleVocabulary
    /// Every rule's token tests; the matchers hold indices into it.
    let tests: TestTable
    /// Per phase, per rule: the matcher with its compiled tests.
    let matchers: [[RuleMatcher]]

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
    func run(phase index: Int, facts: DocumentFacts, sentences: [Range<Int>], orderBase: Int) -> Output {
        var out = Output()
        let scratch = MatcherScratch()
        let unions = facts.unionsToSentenceEnd(sentences)
        for (rule, matcher) in zip(rules.phases[index].rules, matchers[index]) {
            // A sentence with no candidate start is skipped whole: most rules open on something rare.
            let starts = matcher.candidateStarts(in: facts, sentences: sentences, unions: unions)
            var first = 0
            for sentence in sentences {
                while first < starts.count && Int(starts[first]) < sentence.lowerBound { first += 1 }
                var end = first
                while end < starts.count && Int(starts[end]) < sentence.upperBound { end += 1 }
                guard first < end else { continue }
                defer { first = end }
                for m in matcher.matches(in: facts, range: sentence, starts: starts[first..<end], scratch: scratch) {
                    apply(rule, m, facts: facts, sentence: sentence, into: &out, order: orderBase)
                }
            }
        }
        return out
    }

    private func range(_ rule: Rule, _ m: RuleMatch, _ capture: String?) -> Range<Int>? {
        guard let capture else { return m.start..<m.end }
        guard let slot = rule.program.slot(of: capture) else { return nil }
        return m.captures[slot]
    }

    private func apply(_ rule: Rule, _ m: RuleMatch, facts: DocumentFacts, sentence: Range<Int>,
                       into out: inout Output, order: Int) {
        for action in rule.actions {
            switch action {
            case .entity(let capture, let type, let features):
                guard let r = range(rule, m, capture), !r.isEmpty else { continue }
                var values: [String: String] = [:]
                for (key, value) in features {
                    switch value {
                    case .literal(let v): values[key] = v
                    case .capture(let name):
                        if let cr = range(rule, m, name), !cr.isEmpty { values[key] = facts.originalText(cr, cliticStarts: m.cliticStarts) }
                    case .captureFeature(let name, let feature):
                        if let cr = range(rule, m, name),
                           let a = cr.reversed().lazy.flatMap({ facts.byStart[$0] }).first(where: { $0.endToken <= cr.upperBound && $0.features[feature] != nil }) {
                            values[key] = a.features[feature]
                        }
                    }
                }
                let start = m.cliticStarts[r.lowerBound] ?? Int(facts.tokens[r.lowerBound].start)
                out.entities.append(EntityCandidate(
                    start: start, end: Int(facts.tokens[r.upperBound - 1].end), firstToken: r.lowerBound, endToken: r.upperBound,
                    type: type, canonical: nil, source: rule.name, features: values,
                    priority: 10 + rule.priority, order: order + out.entities.count))
            case .relation(let type, let arguments):
                var bound: [String: Range<Int>] = [:]
                for (attribute, capture) in arguments {
                    if let r = range(rule, m, capture), !r.isEmpty { bound[attribute] = r }
                }
                guard bound["person"] != nil else { continue }
                let span = Int(facts.tokens[sentence.lowerBound].start)..<Int(facts.tokens[sentence.upperBound - 1].end)
                out.relations.append(RelationCandidate(type: type, rule: rule.name, priority: rule.priority, arguments: bound, sentence: span, match: m.start..<m.end))
            }
        }
    }
}

extension DocumentFacts {
    /// The original text of a token range, leaving out a proclitic the match left out.
    func originalText(_ r: Range<Int>, cliticStarts: [Int: Int] = [:]) -> String {
        let start = cliticStarts[r.lowerBound] ?? Int(tokens[r.lowerBound].start)
        return slice(start, Int(tokens[r.upperBound - 1].end))
    }
}
