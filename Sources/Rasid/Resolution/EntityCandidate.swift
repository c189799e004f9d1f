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

    public var length: Int { end - start }
}
