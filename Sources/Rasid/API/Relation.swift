/// A relation between a person and a body (`secretary_of` …), as `ANNOTATION.md` writes it.
public struct Relation: Sendable, Equatable {
    public var type: String
    public var person: String
    public var org: String
    public var role: String?
    public var party: String?
    public var place: String?
    /// The rule that produced it.
    public var source: String?
    /// Code-point span of the sentence it was read from, and of its trigger word.
    public var evidence: Range<Int>?
    public var trigger: Range<Int>?

    public init(type: String, person: String, org: String, role: String? = nil, party: String? = nil,
                place: String? = nil, source: String? = nil, evidence: Range<Int>? = nil, trigger: Range<Int>? = nil) {
        self.type = type
        self.person = person
        self.org = org
        self.role = role
        self.party = party
        self.place = place
        self.source = source
        self.evidence = evidence
        self.trigger = trigger
    }
}

/// What extraction finds in one document.
public struct Extraction: Sendable, Equatable {
    public var entities: [Entity]
    public var relations: [Relation]

    public init(entities: [Entity] = [], relations: [Relation] = []) {
        self.entities = entities
        self.relations = relations
    }
}
