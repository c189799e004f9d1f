/// A relation as a rule matched it: token ranges of its captures, before document-level resolution.
public struct RelationCandidate: Sendable {
    /// The capture names a `relation` action may bind.
    public static let attributes: Set<String> = ["person", "role", "org", "party", "place", "ref"]

    public var type: String
    public var rule: String
    /// The rule's priority: where two rules read one post for different people, the higher wins.
    public var priority: Int
    /// Token range of each bound attribute.
    public var arguments: [String: Range<Int>]
    /// Code-point span of the sentence it was read from.
    public var sentence: Range<Int>
    /// Token range of the whole match.
    public var match: Range<Int>
}
