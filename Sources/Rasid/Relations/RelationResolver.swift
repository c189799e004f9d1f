/// Turns relation candidates into `ANNOTATION.md` relations, resolving what the sentence leaves to
/// the document.
///
/// - `person`: the fullest name the document gives the person (see `MentionLinker`).
/// - `org`: the body captured (`أمانة …`, a council), else the party: portfolio posts, secretaries-general
///   and branch secretaries are the party's. A back-reference `الأمانة` points to the last secretariat
///   named before it.
/// - `party`: the party captured, else the nearest party named before in the sentence, else the party
///   the document names most.
/// - `place`: the place captured; `المحافظة` points to the document's governorate; central posts
///   (a secretary-general, a central secretariat) have none; else the place a party branch is named
///   with in the same sentence or, failing that, in the document.
/// An assistant (`أمين مساعد`) named without a body assists the head of the secretariat named just
/// before. Candidates for the same (person, org) are merged: the first found wins, later ones fill gaps.
///
/// Entities are referred to by index throughout: what is compared (type, tokens, keys) is worked
/// out once per entity into arrays, so a candidate's resolution reads integers, not copies of
/// entities with their strings and features.
///
/// A class: the closures and method references below capture `self`, and capturing a struct of
/// this many arrays and dictionaries copied (retained and released) every one of them.
final class RelationResolver {
    let entities: [Entity]
    /// Each entity's token range.
    let tokens: [Range<Int>]
    /// For a PERSON: the entity whose text is the fullest name the document gives them (-1: their own).
    let fullNames: [Int32]
    /// The original text of a token range.
    let text: (Range<Int>) -> String
    /// The code-point span of a token range.
    let span: (Range<Int>) -> Range<Int>
    /// Each entity's type, as a small enum: compared for every entity a candidate looks at.
    private let kinds: [Kind]
    /// What depends on the document only, worked out once: each party mention's name as relations
    /// write it (`حزب …`) and that name's compared form (by `partyOrdinals`), the party the document
    /// names most, the first governorate.
    /// Only parties have them: arrays of optional strings over all entities cost a generic destroy
    /// per element, and made with the resolver's other per-entity arrays, about 4M instructions on c1.
    private let partyNames: [(name: String, key: String)]
    /// For a party mention, its index in `partyNames` (-1 for other entities).
    private let partyOrdinals: [Int32]
    /// For a party mention, a number shared by the mentions whose compared names are equal
    /// (-1 for other entities): branches are looked up by it without comparing strings.
    private let partyGroups: [Int]
    /// Posts, back-references and party names worked out, remembered across the worker's documents.
    private let roles: RoleCache
    /// Entity texts as `String`s, each made once: party mentions' in `init` (every one is read
    /// there), the others' when first asked for. Entities hold theirs as bytes of the document's
    /// text, and a relation writes a few of them, some many times. Per entity, its
    /// text's index in `texts` (-1: not made yet); an array of strings over all entities cost a
    /// retain and a release of an empty string per entity. The resolver's own: no dynamic
    /// exclusivity checks (a begin and end access per read).
    @exclusivity(unchecked) private var textOrdinals: [Int32]
    @exclusivity(unchecked) private var texts: [String] = []
    private let mainParty: Int?
    /// Only a post or a reference of the governorate asks for it.
    private lazy var governorate: Int? = entities.indices.first {
        kinds[$0] == .place && entities[$0].features["subtype"] == "governorate"
    }

    enum Kind: UInt8 {
        case person, org, party, place, other

        init(_ type: String) {
            // A type of another length is none of these, and is not compared at all.
            switch type.utf8.count {
            case 3, 5, 6: break
            default: self = .other; return
            }
            switch type {
            case "PERSON": self = .person
            case "ORG": self = .org
            case "PARTY": self = .party
            case "PLACE": self = .place
            default: self = .other
            }
        }
    }

    /// A candidate's captures, read from its dictionary once.
    struct Arguments {
        var person, role, org, party, place, ref: Range<Int>?

        init(_ arguments: [String: Range<Int>]) {
            for (name, range) in arguments {
                switch name {
                case "person": person = range
                case "role": role = range
                case "org": org = range
                case "party": party = range
                case "place": place = range
                case "ref": ref = range
                default: break
                }
            }
        }
    }

    /// Up to this many party mentions, and relation candidates, in a document, their keys are
    /// searched in turn, not hashed into a table (`SmallIndex`); and so are the owners of posts.
    static let searchedUpTo = 16
    /// `searchedUpTo`, or another limit a test sets to compare the two ways.
    private let searchedUpTo: Int

    init(entities: [Entity], tokens: [Range<Int>], fullNames: [Int32], roles: RoleCache, searchedUpTo: Int = RelationResolver.searchedUpTo,
         text: @escaping (Range<Int>) -> String, span: @escaping (Range<Int>) -> Range<Int>) {
        self.searchedUpTo = searchedUpTo
        self.entities = entities
        self.tokens = tokens
        self.fullNames = fullNames
        self.roles = roles
        self.text = text
        self.span = span
        let kinds = entities.map { Kind($0.type) }
        self.kinds = kinds
        var texts: [String] = [], textOrdinals = [Int32](repeating: -1, count: entities.count)
        var names: [(name: String, key: String)] = [], ordinals = [Int32](repeating: -1, count: entities.count)
        var groups = [Int](repeating: -1, count: entities.count)
        // The party the document names most often (the first of equals); a mention with حزب
        // written counts double, as a bare short name (الوفد) may be an ordinary word.
        // Per group (numbered in order of first mention, so the first mention of a name is the
        // first to count it): its count and first mention. Groups are numbered by their names'
        // keys (`SmallIndex`: a document's handful searched in turn, more hashed).
        let partyCount = kinds.reduce(0) { $0 + ($1 == .party ? 1 : 0) }
        var groupOfKey = SmallIndex<ArabicKey>(expected: partyCount, searchedUpTo: searchedUpTo)
        names.reserveCapacity(partyCount)
        var counts: [Int] = [], firsts: [Int] = []
        for k in entities.indices where kinds[k] == .party {
            let text = entities[k].text
            textOrdinals[k] = Int32(texts.count)
            texts.append(text)
            let party = roles.party(entities[k].canonical ?? text)
            ordinals[k] = Int32(names.count)
            names.append(party)
            let group = groupOfKey.number(ArabicKey(party.key))
            if group == counts.count { counts.append(0); firsts.append(k) }
            counts[group] += roles.writesHizb(text) ? 2 : 1
            groups[k] = group
        }
        partyNames = names
        self.texts = texts
        self.textOrdinals = textOrdinals
        partyOrdinals = ordinals
        partyGroups = groups
        mainParty = counts.indices.max { (counts[$0], -firsts[$0]) < (counts[$1], -firsts[$1]) }.map { firsts[$0] }
    }

    func resolve(_ candidates: [RelationCandidate]) -> [Relation] {
        var relations: [Relation] = []
        // Room for one relation per candidate at once: grown as they came, the array was
        // reallocated a few times a document (about 0.6M instructions on c1).
        relations.reserveCapacity(candidates.count)
        // Where each relation's key is: its number is the index of its relation.
        var keys = SmallIndex<RelationKey>(expected: candidates.count, searchedUpTo: searchedUpTo)
        var lastHeadOfSecretariat: (org: String, orgKey: String, type: String)?
        let arguments = candidates.map { Arguments($0.arguments) }
        for n in Self.oneReadingPerPost(candidates, roles: arguments.map(\.role), searchedUpTo: searchedUpTo) {
            let a = arguments[n]
            guard var resolved = resolve(candidates[n], a) else { continue }
            // An assistant named without a body assists the head of the secretariat named before
            // (`… أمين الأمانة …، ويعاونه X أمينًا مساعدًا`).
            if resolved.post.isAssistant, a.org == nil, a.ref == nil,
               let head = lastHeadOfSecretariat, head.type == resolved.relation.type {
                resolved.relation.org = head.org
                resolved.orgKey = head.orgKey
            } else if !resolved.post.isAssistant, resolved.relation.org != resolved.relation.party {
                lastHeadOfSecretariat = (resolved.relation.org, resolved.orgKey, resolved.relation.type)
            }
            let relation = resolved.relation
            let key = RelationKey(person: relation.person, org: resolved.orgKey, type: relation.type)
            let existing = keys.number(key)
            if existing < relations.count {
                relations[existing].role = relations[existing].role ?? relation.role
                relations[existing].party = relations[existing].party ?? relation.party
                relations[existing].place = relations[existing].place ?? relation.place
            } else {
                relations.append(relation)
            }
        }
        return relations
    }

    /// A post (the role's words) belongs to the people of one match: where rules read it for different
    /// people (`X، أمين التنظيم، والدكتور Y` — after X or before Y?), the higher-priority rule wins,
    /// then the earlier match. The result (indices into `candidates`) is in text order.
    /// `searchedUpTo`: up to this many candidates, a role's owner is searched for, not hashed
    /// (the two agree; tests run both).
    static func oneReadingPerPost(_ candidates: [RelationCandidate], roles: [Range<Int>?], searchedUpTo: Int) -> [Int] {
        let ranked = candidates.indices.sorted { a, b in
            if candidates[a].priority != candidates[b].priority { return candidates[a].priority > candidates[b].priority }
            if candidates[a].match.lowerBound != candidates[b].match.lowerBound { return candidates[a].match.lowerBound < candidates[b].match.lowerBound }
            return a < b
        }
        var kept: [Int] = []
        kept.reserveCapacity(candidates.count)
        if candidates.count <= searchedUpTo {
            // The match that took a role's tokens is the first kept candidate with that role:
            // a document's handful are searched in turn, without a table made per document.
            for n in ranked {
                if let role = roles[n], let taker = kept.first(where: { roles[$0] == role }),
                   candidates[taker].match != candidates[n].match { continue }
                kept.append(n)
            }
        } else {
            var owner: [Range<Int>: Range<Int>] = [:]  // role tokens → the match that took them
            // Sized once: growing the table as it filled cost more than the look-ups.
            owner.reserveCapacity(candidates.count)
            for n in ranked {
                if let role = roles[n] {
                    if let taken = owner[role], taken != candidates[n].match { continue }
                    owner[role] = candidates[n].match
                }
                kept.append(n)
            }
        }
        return kept.sorted { (candidates[$0].match.lowerBound, $0) < (candidates[$1].match.lowerBound, $1) }
    }

    private func firstIndex(_ kind: Kind, in range: Range<Int>?) -> Int? {
        guard let range else { return nil }
        return kinds.indices.first { kinds[$0] == kind && range.overlaps(tokens[$0]) }
    }

    /// A relation with what `resolve(_:)` compares it by, worked out on the way.
    private struct Resolved {
        var relation: Relation
        /// The org's `comparisonKey`.
        var orgKey: String
        var post: RoleCache.Post
    }

    private func resolve(_ c: RelationCandidate, _ a: Arguments) -> Resolved? {
        guard let person = firstIndex(.person, in: a.person) else { return nil }
        let post = a.role.map { roles.post(text($0)) } ?? .none
        let ref = a.ref.map { roles.reference(text($0)) } ?? .none

        // Party.
        let partyEntity = firstIndex(.party, in: a.party)
            ?? firstIndex(.party, in: a.org)
            ?? (ref.toParty ? mainParty : nil)
            ?? partyInSentence(c)
            ?? mainParty
        let party = partyEntity.map { partyNames[Int(partyOrdinals[$0])].name }

        // Org.
        var org: String?, orgKey = ""
        var central = false
        if let body = firstIndex(.org, in: a.org) ?? (ref.toSecretariat ? lastSecretariat(before: c.match.lowerBound) : nil) {
            org = entityText(body)
            orgKey = textKey(body)
            central = orgKey.containsKey("المركزيه")
        } else if let partyEntity {
            org = party
            orgKey = partyNames[Int(partyOrdinals[partyEntity])].key
        }
        guard let org else { return nil }

        // Place.
        if post.isGeneral { central = true }
        var place: String?
        if let p = firstIndex(.place, in: a.place) {
            place = entityText(p)
        } else if ref.toGovernorate || post.isOfGovernorate {
            place = (partyEntity.flatMap(branchPlace) ?? governorate).map(entityText)
        } else if !central {
            place = partyEntity.flatMap(branchPlace).map(entityText)
        }

        let relation = Relation(type: c.type, person: entityText(fullNames[person] >= 0 ? Int(fullNames[person]) : person), org: org, role: post.written,
                                party: party, place: place, source: c.rule, evidence: c.sentence, trigger: a.role.map(span))
        return Resolved(relation: relation, orgKey: orgKey, post: post)
    }

    /// The party named last before the match's end in its sentence, else the first named after.
    private func partyInSentence(_ c: RelationCandidate) -> Int? {
        var first: Int?, lastBefore: Int?
        for k in entities.indices where kinds[k] == .party
            && entities[k].start >= c.sentence.lowerBound && entities[k].end <= c.sentence.upperBound {
            if first == nil { first = k }
            if tokens[k].lowerBound < c.match.upperBound { lastBefore = k }
        }
        return lastBefore ?? first
    }

    /// The last secretariat (`أمانة …`) named before token `end`: what `الأمانة` points back to.
    private func lastSecretariat(before end: Int) -> Int? {
        entities.indices.last { kinds[$0] == .org && tokens[$0].upperBound <= end && textKey($0).containsKey("امانه") }
    }

    /// Entity `k`'s text, made on first use.
    private func entityText(_ k: Int) -> String {
        if textOrdinals[k] < 0 {
            textOrdinals[k] = Int32(texts.count)
            texts.append(entities[k].text)
        }
        return texts[Int(textOrdinals[k])]
    }

    /// A body's `comparisonKey`, asked of the worker's `RoleCache` (bodies recur across
    /// documents): made per document, into an array of strings over all entities, each cost
    /// about 1,600 instructions and the array a few per entity.
    private func textKey(_ k: Int) -> String {
        roles.comparisonKey(entityText(k))
    }

    /// The branch of a party the document names: a place written right after one of that party's
    /// mentions (`حزب مستقبل وطن الإسكندرية`, `بحزب حماة الوطن بالجيزة`, `لجنة الوفد بالبحيرة`).
    private func branchPlace(_ party: Int) -> Int? {
        let group = partyGroups[party]
        for k in entities.indices where partyGroups[k] == group {
            if k + 1 < entities.count, kinds[k + 1] == .place, tokens[k + 1].lowerBound == tokens[k].upperBound {
                return k + 1
            }
        }
        return nil
    }
}
