/// One rule of a `.rules` file: a pattern and what to make of its matches.
public struct Rule: Sendable {
    public var name: String
    public var priority: Int
    public var program: RuleProgram
    public var actions: [RuleAction]
    public var examples: [RuleExample]
    /// `file:line` of the rule's header.
    public var source: String
}

/// What a match produces.
public enum RuleAction: Sendable {
    /// An entity over a capture (or the whole match when `capture` is nil), with features.
    case entity(capture: String?, type: String, features: [(key: String, value: FeatureValue)])
    /// A relation whose attributes (`person`, `role`, `org`, `party`, `place`, `ref`) name captures.
    case relation(type: String, arguments: [String: String])

    public enum FeatureValue: Sendable {
        case literal(String)
        /// The text of a capture.
        case capture(String)
        /// A feature of the last annotation inside a capture (`$title.category`).
        case captureFeature(String, String)
    }
}

/// An example or counter-example written beside a rule; one generic test runs them all.
public struct RuleExample: Sendable {
    public enum Expectation: Sendable, Equatable {
        case entity(type: String, text: String)
        case relation(type: String, person: String, org: String)
    }

    public var text: String
    public var expectations: [Expectation]
    /// A counter-example: the expectations must not hold (or, with none, the rule must not fire).
    public var isCounter: Bool
    /// `file:line`.
    public var source: String
}

/// The rules of one file; files run in name order, each a phase whose entities the next sees.
public struct RulePhase: Sendable {
    public var name: String
    public var rules: [Rule]
}

/// Every rule file loaded, with the word lists they share.
public struct RuleSet: Sendable {
    public var phases: [RulePhase] = []
    public var lists: [String: Set<String>] = [:]

    public init() {}

    public var rules: [Rule] { phases.flatMap(\.rules) }
}
