/// A proposed entity, before the resolver decides which candidates stand.
public struct EntityCandidate: Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// Token range `[firstToken, endToken)`.
    public var firstToken: Int
    public var endToken: Int
    public var type: String
    public var canonical: String?
    public var source: String
    public var features: [String: String]
    /// Higher wins among candidates of the same span (rule priorities, type precedence).
    public var priority: Int
    /// Order of proposal; earlier wins the last tie.
    public var order: Int
    /// The gazetteer entry this is a hit of (-1 for the candidates of rules and mentions): its
    /// entity's provenance is written from the entry's prewritten JSON. An index, not the JSON
    /// itself: candidates are copied many times over, and a reference costs a retain each time.
    var entry: Int32 = -1

    public var length: Int { end - start }
}
