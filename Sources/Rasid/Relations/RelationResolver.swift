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
/// A class: the closures and method references below capture `self`, and capturing a struct of
/// this many arrays and dictionaries copied (retained and released) every one of them.
final class RelationResolver {
    let entities: [ResolvedEntity]
    /// The original text of a token range.
    let text: (Range<Int>) -> String
    /// The code-point span of a token range.
    let span: (Range<Int>) -> Range<Int>
    /// What depends on the document only, worked out once: each party mention's compared name, the
    /// party the document names most, the first governorate.
    private let partyKeys: [Int: String]
    /// Each party mention's name as relations write it (`حزب …`).
    private let partyNames: [Int: String]
    /// Posts as `RoleNormalizer` writes them, remembered across the worker's documents.
    private let roles: RoleCache
    /// Each body's and party's text as `ArabicFolding.comparisonKey` gives it (empty for other types,
    /// which are never compared so).
    private let textKeys: [String]
    private let mainParty: Int?
    private let governorate: ResolvedEntity?

    struct ResolvedEntity {
        var entity: Entity
        var tokens: Range<Int>
        /// For a PERSON: the fullest name the document gives them.
        var fullName: String?
    }

    init(entities: [ResolvedEntity], roles: RoleCache, text: @escaping (Range<Int>) -> String, span: @escaping (Range<Int>) -> Range<Int>) {
        self.entities = entities
        self.roles = roles
        self.text = text
        self.span = span
        textKeys = entities.map { $0.entity.type == "ORG" || $0.entity.type == "PARTY" ? ArabicFolding.comparisonKey($0.entity.text) : "" }
        var keys: [Int: String] = [:], names: [Int: String] = [:]
        for (k, e) in entities.enumerated() where e.entity.type == "PARTY" {
            names[k] = Self.partyName(e)
            keys[k] = ArabicFolding.comparisonKey(names[k]!)
        }
        partyKeys = keys
        partyNames = names
        // The party the document names most often (the first of equals); a mention with حزب
        // written counts double, as a bare short name (الوفد) may be an ordinary word.
        var counts: [ArabicKey: (count: Int, first: Int)] = [:]
        for (k, key) in keys {
            let weight = textKeys[k].containsKey("حزب") ? 2 : 1
            let previous = counts[ArabicKey(key)] ?? (0, k)
            counts[ArabicKey(key)] = (previous.count + weight, min(previous.first, k))
        }
        mainParty = counts.values.max { ($0.count, -$0.first) < ($1.count, -$1.first) }.map(\.first)
        governorate = entities.first { $0.entity.type == "PLACE" && $0.entity.features["subtype"] == "governorate" }
    }

    func resolve(_ candidates: [RelationCandidate]) -> [Relation] {
        var relations: [Relation] = []
        var index: [ArabicKey: Int] = [:]
        index.reserveCapacity(candidates.count)
        var lastHeadOfSecretariat: (org: String, type: String)?
        for c in Self.oneReadingPerPost(candidates) {
            guard var relation = resolve(c) else { continue }
            // An assistant named without a body assists the head of the secretariat named before
            // (`… أمين الأمانة …، ويعاونه X أمينًا مساعدًا`).
            let roleKey = ArabicFolding.comparisonKey(relation.role ?? "")
            if roleKey.containsKey("مساعد"), c.arguments["org"] == nil, c.arguments["ref"] == nil,
               let head = lastHeadOfSecretariat, head.type == relation.type {
                relation.org = head.org
            } else if !roleKey.containsKey("مساعد"), relation.org != relation.party {
                lastHeadOfSecretariat = (relation.org, relation.type)
            }
            let key = ArabicKey(ArabicFolding.comparisonKey(relation.person) + "\u{1}" + ArabicFolding.comparisonKey(relation.org) + "\u{1}" + relation.type)
            if let existing = index[key] {
                var r = relations[existing]
                r.role = r.role ?? relation.role
                r.party = r.party ?? relation.party
                r.place = r.place ?? relation.place
                relations[existing] = r
            } else {
                index[key] = relations.count
                relations.append(relation)
            }
        }
        return relations
    }

    /// A post (the role's words) belongs to the people of one match: where rules read it for different
    /// people (`X، أمين التنظيم، والدكتور Y` — after X or before Y?), the higher-priority rule wins,
    /// then the earlier match. The result is in text order.
    static func oneReadingPerPost(_ candidates: [RelationCandidate]) -> [RelationCandidate] {
        let ranked = candidates.enumerated().sorted { a, b in
            if a.element.priority != b.element.priority { return a.element.priority > b.element.priority }
            if a.element.match.lowerBound != b.element.match.lowerBound { return a.element.match.lowerBound < b.element.match.lowerBound }
            return a.offset < b.offset
        }
        var owner: [Range<Int>: Range<Int>] = [:]  // role tokens → the match that took them
        var kept: [(Int, RelationCandidate)] = []
        for (offset, c) in ranked {
            if let role = c.arguments["role"] {
                if let taken = owner[role], taken != c.match { continue }
                owner[role] = c.match
            }
            kept.append((offset, c))
        }
        return kept.sorted { ($0.1.match.lowerBound, $0.0) < ($1.1.match.lowerBound, $1.0) }.map(\.1)
    }

    private func first(_ type: String, in range: Range<Int>?) -> ResolvedEntity? {
        firstIndex(type, in: range).map { entities[$0] }
    }

    private func firstIndex(_ type: String, in range: Range<Int>?) -> Int? {
        guard let range else { return nil }
        return entities.firstIndex { $0.entity.type == type && range.overlaps($0.tokens) }
    }

    private static func partyName(_ e: ResolvedEntity) -> String {
        let name = e.entity.canonical ?? e.entity.text
        let key = ArabicFolding.comparisonKey(name)
        return key.hasPrefix("حزب") || key.hasPrefix("الحزب") ? name : "حزب " + name
    }

    private func resolve(_ c: RelationCandidate) -> Relation? {
        guard let person = first("PERSON", in: c.arguments["person"]) else { return nil }
        let entities = self.entities, textKeys = self.textKeys
        let sentenceEntities = entities.indices.lazy.filter {
            entities[$0].entity.start >= c.sentence.lowerBound && entities[$0].entity.end <= c.sentence.upperBound
        }
        let isParty = { (k: Int) in entities[k].entity.type == "PARTY" }

        let role = c.arguments["role"].map { roles.normalize(self.text($0)) }
        let ref = c.arguments["ref"].map { ArabicFolding.comparisonKey(self.text($0)) } ?? ""

        // Party.
        let partyEntity = firstIndex("PARTY", in: c.arguments["party"])
            ?? firstIndex("PARTY", in: c.arguments["org"])
            ?? (ref.hasSuffix("حزب") ? mainParty : nil)
            ?? sentenceEntities.last { isParty($0) && entities[$0].tokens.lowerBound < c.match.upperBound }
            ?? sentenceEntities.first(where: isParty)
            ?? mainParty
        let party = partyEntity.map { partyNames[$0]! }

        // Org.
        var org: String?
        var central = false
        if let body = firstIndex("ORG", in: c.arguments["org"]) {
            org = entities[body].entity.text
            central = textKeys[body].containsKey("المركزيه")
        } else if ref.hasSuffix("امانه"), let body = entities.indices.last(where: {
            entities[$0].entity.type == "ORG" && entities[$0].tokens.upperBound <= c.match.lowerBound && textKeys[$0].containsKey("امانه")
        }) {
            org = entities[body].entity.text
            central = textKeys[body].containsKey("المركزيه")
        } else {
            org = party
        }
        guard let org else { return nil }

        // Place.
        let roleKey = role.map(ArabicFolding.comparisonKey) ?? ""
        if roleKey.containsKey("عام") { central = true }
        var place: String?
        if let p = first("PLACE", in: c.arguments["place"]) {
            place = p.entity.text
        } else if ref.hasSuffix("محافظه") || roleKey.hasSuffix("المحافظه") {
            place = (partyEntity.flatMap(branchPlace) ?? governorate)?.entity.text
        } else if !central {
            place = partyEntity.flatMap(branchPlace)?.entity.text
        }

        return Relation(type: c.type, person: person.fullName ?? person.entity.text, org: org, role: role,
                        party: party, place: place, source: c.rule, evidence: c.sentence,
                        trigger: c.arguments["role"].map(span))
    }

    /// The branch of a party the document names: a place written right after one of that party's
    /// mentions (`حزب مستقبل وطن الإسكندرية`, `بحزب حماة الوطن بالجيزة`, `لجنة الوفد بالبحيرة`).
    private func branchPlace(_ party: Int) -> ResolvedEntity? {
        let key = partyKeys[party]
        for (k, mention) in entities.enumerated() where partyKeys[k] == key {
            if k + 1 < entities.count, entities[k + 1].entity.type == "PLACE", entities[k + 1].tokens.lowerBound == mention.tokens.upperBound {
                return entities[k + 1]
            }
        }
        return nil
    }
}
