/// A rule's actions with their capture names resolved to capture slots once, when the engine is
/// made: resolving them for every match compared each name with every capture name of the rule.
struct ActionPlan: Sendable {
    /// The tokens an action reads: the whole match, a capture's, or none (a name the pattern lacks).
    enum Span: Sendable {
        case whole, capture(Int), none
    }

    enum Value: Sendable {
        case literal(String)
        /// The text of a span.
        case text(Span)
        /// A feature of the last annotation inside a span.
        case feature(Span, String)
    }

    enum Action: Sendable {
        case entity(Span, type: String, features: [(key: String, value: Value)])
        /// `isPerson`: the attribute is `person`, without which the relation is dropped.
        case relation(type: String, arguments: [(attribute: String, span: Span, isPerson: Bool)])
    }

    let actions: [Action]
    /// The rule's name and priority: what a candidate reads of the rule, kept here so that
    /// applying a match copies no `Rule` (a copy retained and released its seven references).
    let rule: String
    let priority: Int

    init(_ rule: Rule) {
        self.rule = rule.name
        priority = rule.priority
        func span(_ capture: String?) -> Span {
            guard let capture else { return .whole }
            return rule.program.slot(of: capture).map { .capture($0) } ?? .none
        }
        actions = rule.actions.map { action in
            switch action {
            case .entity(let capture, let type, let features):
                return .entity(span(capture), type: type, features: features.map { key, value in
                    switch value {
                    case .literal(let v): return (key, .literal(v))
                    case .capture(let name): return (key, .text(span(name)))
                    case .captureFeature(let name, let feature): return (key, .feature(span(name), feature))
                    }
                })
            case .relation(let type, let arguments):
                return .relation(type: type, arguments: arguments.map { ($0.key, span($0.value), $0.key == "person") })
            }
        }
    }
}

extension RuleMatch {
    /// The tokens of a span in this match.
    func range(_ span: ActionPlan.Span) -> Range<Int>? {
        switch span {
        case .whole: return start..<end
        case .capture(let slot): return capture(slot)
        case .none: return nil
        }
    }
}
