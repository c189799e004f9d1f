/// Relation scores of a corpus: (person, org) pairs, and attribute accuracy over the matched pairs.
public struct RelationScores: Codable, Equatable, Sendable {
    public var gold = 0
    public var predicted = 0
    public var matched = 0
    public var precision = 0.0
    public var recall = 0.0
    public var f1 = 0.0
    /// Attribute (`role`, `party`, `place`) → how many matched pairs agree on it.
    public var attributes: [String: AttributeAccuracy] = [:]

    public init() {}
}

public struct AttributeAccuracy: Codable, Equatable, Sendable {
    public var correct = 0
    public var total = 0
    /// 0 when no pair was matched.
    public var accuracy = 0.0

    public init() {}
}

/// Scores relations as `ANNOTATION.md` says: a relation is its (person, org) pair after
/// `comparisonKey`, counted as a multiset within each document; `role`, `party` and `place` are
/// compared (also after `comparisonKey`) on the pairs that match. An attribute missing on both sides agrees.
/// Only relations of one type are scored (`secretary_of`, the type `ANNOTATION.md` annotates), so that
/// a system predicting more types (`head_of`, `deputy_of`) is not charged for them.
public enum RelationScorer {
    public static let attributeNames = ["role", "party", "place"]

    public static func score(gold allGold: [[AnnotatedRelation]], predicted allPredicted: [[AnnotatedRelation]],
                             type: String = "secretary_of") -> RelationScores {
        precondition(allGold.count == allPredicted.count, "one prediction list per gold document")
        let gold = allGold.map { $0.filter { $0.type == type } }
        let predicted = allPredicted.map { $0.filter { $0.type == type } }
        var scores = RelationScores()
        for name in attributeNames { scores.attributes[name] = AttributeAccuracy() }
        for (goldDocument, predictedDocument) in zip(gold, predicted) {
            scores.gold += goldDocument.count
            scores.predicted += predictedDocument.count
            var unmatched = Array(goldDocument.indices)
            for p in predictedDocument {
                let key = pairKey(p)
                // Each gold relation matches at most one prediction: the multiset intersection.
                guard let position = unmatched.firstIndex(where: { pairKey(goldDocument[$0]) == key }) else { continue }
                let g = goldDocument[unmatched.remove(at: position)]
                scores.matched += 1
                for name in attributeNames {
                    scores.attributes[name]!.total += 1
                    if attributeKey(g, name) == attributeKey(p, name) { scores.attributes[name]!.correct += 1 }
                }
            }
        }
        scores.precision = scores.predicted > 0 ? Double(scores.matched) / Double(scores.predicted) : 0
        scores.recall = scores.gold > 0 ? Double(scores.matched) / Double(scores.gold) : 0
        let sum = scores.precision + scores.recall
        scores.f1 = sum > 0 ? 2 * scores.precision * scores.recall / sum : 0
        for name in attributeNames {
            let a = scores.attributes[name]!
            scores.attributes[name]!.accuracy = a.total > 0 ? Double(a.correct) / Double(a.total) : 0
        }
        return scores
    }

    struct PairKey: Hashable {
        var person: String
        var org: String
    }

    static func pairKey(_ r: AnnotatedRelation) -> PairKey {
        PairKey(person: comparisonKey(r.person), org: comparisonKey(r.org))
    }

    /// The compared form of an attribute; missing and empty are the same (nil).
    static func attributeKey(_ r: AnnotatedRelation, _ name: String) -> String? {
        let value: String?
        switch name {
        case "role": value = r.role
        case "party": value = r.party
        default: value = r.place
        }
        guard let value else { return nil }
        let key = comparisonKey(value)
        return key.isEmpty ? nil : key
    }
}
