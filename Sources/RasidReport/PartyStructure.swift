import Rasid

/// Who holds which post in which body of each party, gathered from the relations of many
/// documents: party → bodies (the party itself, then its secretariats and committees) → posts.
public struct PartyStructure: Sendable, Equatable {
    /// One person in one post; the same post read in several documents is one `Post`.
    public struct Post: Sendable, Equatable {
        public var person: String
        public var role: String?
        public var place: String?
        /// The relation type (`secretary_of`, `head_of`, `deputy_of` …).
        public var type: String
        /// Indices into the documents the structure was built from, ascending.
        public var documents: [Int]
    }

    public struct Body: Sendable, Equatable {
        public var name: String
        /// True for the party's own posts (`org` is the party).
        public var isParty: Bool
        public var posts: [Post]
    }

    public struct Party: Sendable, Equatable {
        /// The party's name; nil gathers relations that name no party.
        public var name: String?
        public var bodies: [Body]
        public var postCount: Int { bodies.reduce(0) { $0 + $1.posts.count } }
    }

    public var parties: [Party]

    /// Parties by number of posts, most first, then by name; in each, the party's own posts first, then
    /// bodies by name; posts by place, then person.
    public init(_ documents: [FoundDocument]) {
        struct PostKey: Hashable { var body: String, person: String, role: String?, place: String?, type: String }
        var posts: [String?: [PostKey: [Int]]] = [:]
        for (index, document) in documents.enumerated() {
            for r in document.relations {
                let key = PostKey(body: r.org, person: r.person, role: r.role, place: r.place, type: r.type)
                posts[r.party, default: [:]][key, default: []].append(index)
            }
        }
        parties = posts.map { party, byKey in
            var bodies: [String: [Post]] = [:]
            for (key, docs) in byKey {
                bodies[key.body, default: []].append(Post(person: key.person, role: key.role, place: key.place,
                                                          type: key.type, documents: Array(Set(docs)).sorted()))
            }
            let list = bodies.map { name, posts in
                Body(name: name, isParty: name == party,
                     posts: posts.sorted { ($0.place ?? "", $0.person, $0.role ?? "", $0.type) < ($1.place ?? "", $1.person, $1.role ?? "", $1.type) })
            }.sorted { ($0.isParty ? 0 : 1, $0.name) < ($1.isParty ? 0 : 1, $1.name) }
            return Party(name: party, bodies: list)
        }.sorted {
            // Named parties before the relations without one.
            ($0.name == nil ? 1 : 0, -$0.postCount, $0.name ?? "") < ($1.name == nil ? 1 : 0, -$1.postCount, $1.name ?? "")
        }
    }
}
