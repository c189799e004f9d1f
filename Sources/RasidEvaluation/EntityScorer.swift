/// The four entity-scoring schemes of SemEval-2013 task 9.1, named as nervaluate names them.
public enum Scheme: String, CaseIterable, Codable, Sendable {
    /// Same span and same type.
    case strict
    /// Same span, any type.
    case exact
    /// Overlapping span, any type; an overlap that is not the same span earns half credit.
    case partial
    /// Overlapping span and same type.
    case entType = "ent_type"

    /// nervaluate's `partial_or_type`: the schemes whose precision and recall count `partial` as ½.
    var halfCreditForPartial: Bool { self == .partial || self == .entType }
}

/// Counts and figures of one scheme, for one type or all.
public struct Score: Codable, Equatable, Sendable {
    public var correct = 0
    public var incorrect = 0
    public var partial = 0
    public var missed = 0
    public var spurious = 0
    public var possible = 0
    public var actual = 0
    public var precision = 0.0
    public var recall = 0.0
    public var f1 = 0.0

    public init() {}

    /// Adds the counts of `other` and recomputes the figures, as nervaluate's `_merge_results`.
    mutating func add(_ other: Score, scheme: Scheme) {
        correct += other.correct
        incorrect += other.incorrect
        partial += other.partial
        missed += other.missed
        spurious += other.spurious
        computeFigures(scheme: scheme)
    }

    /// nervaluate's `EvaluationResult.compute_metrics`, operation for operation, so that the
    /// figures agree to the last bit; 0 where a denominator is 0.
    mutating func computeFigures(scheme: Scheme) {
        actual = correct + incorrect + partial + spurious
        possible = correct + incorrect + partial + missed
        let credit = scheme.halfCreditForPartial ? Double(correct) + 0.5 * Double(partial) : Double(correct)
        precision = actual > 0 ? credit / Double(actual) : 0
        recall = possible > 0 ? credit / Double(possible) : 0
        f1 = precision + recall > 0 ? 2 * (precision * recall) / (precision + recall) : 0
    }
}

/// The unweighted mean over types of their precision, recall and F1 (nervaluate has no macro
/// average; this is the usual one).
public struct MacroScore: Codable, Equatable, Sendable {
    public var precision = 0.0
    public var recall = 0.0
    public var f1 = 0.0
    public init() {}
}

/// Entity scores of a corpus: per scheme overall (micro), per type, and macro over types.
public struct EntityScores: Codable, Equatable, Sendable {
    /// Scheme name (`strict` …) → score over all types.
    public var overall: [String: Score] = [:]
    /// Type → scheme name → score of that type alone.
    public var byType: [String: [String: Score]] = [:]
    /// Scheme name → macro average over the types in `byType`.
    public var macro: [String: MacroScore] = [:]

    public init() {}

    public func overall(_ scheme: Scheme) -> Score { overall[scheme.rawValue] ?? Score() }
}

/// Scores predicted entities against gold exactly as the Python package nervaluate 1.2.1
/// (`Evaluator(true, pred, tags).evaluate()`) does, with its default minimum overlap of 1 %.
///
/// Its rules, which this follows on purpose (they are what makes the figures comparable):
/// predictions are matched greedily in list order, each gold entity at most once; an overlap counts
/// when it covers at least 1 % of the gold span; per-type figures come from scoring each type on its
/// own (gold and predictions of that type only), so they are not a split of the overall counts;
/// types outside `types` are ignored; a type appears per type when gold or prediction uses it.
public struct EntityScorer: Sendable {
    public var types: Set<String>

    public init(types: Set<String> = GoldValidator.entityTypes) { self.types = types }

    /// nervaluate's entity: the end is inclusive.
    struct Span {
        var type: String
        var start: Int
        var end: Int
        init(_ e: AnnotatedEntity) { type = e.type; start = e.start; end = e.end - 1 }
    }

    /// `gold` and `predicted` are paired by position: one entity list per document.
    public func score(gold: [[AnnotatedEntity]], predicted: [[AnnotatedEntity]]) -> EntityScores {
        precondition(gold.count == predicted.count, "one prediction list per gold document")
        let used = Set(gold.joined().map(\.type)).union(predicted.joined().map(\.type)).intersection(types)
        var scores = EntityScores()
        for (goldDocument, predictedDocument) in zip(gold, predicted) {
            let g = goldDocument.filter { types.contains($0.type) }.map(Span.init)
            let p = predictedDocument.filter { types.contains($0.type) }.map(Span.init)
            for scheme in Scheme.allCases {
                scores.overall[scheme.rawValue, default: Score()].add(Self.evaluate(scheme, gold: g, predicted: p), scheme: scheme)
                for type in used {
                    let result = Self.evaluate(scheme, gold: g.filter { $0.type == type }, predicted: p.filter { $0.type == type })
                    scores.byType[type, default: [:]][scheme.rawValue, default: Score()].add(result, scheme: scheme)
                }
            }
        }
        if !used.isEmpty {
            for scheme in Scheme.allCases {
                var macro = MacroScore()
                for type in used {
                    let s = scores.byType[type]![scheme.rawValue]!
                    macro.precision += s.precision
                    macro.recall += s.recall
                    macro.f1 += s.f1
                }
                let n = Double(used.count)
                macro.precision /= n
                macro.recall /= n
                macro.f1 /= n
                scores.macro[scheme.rawValue] = macro
            }
        }
        return scores
    }

    /// nervaluate's `_calculate_overlap_percentage(pred, true) >= min_overlap_percentage` with its default 1.0.
    static func sufficientOverlap(_ p: Span, _ t: Span) -> Bool {
        if p.start > t.end || p.end < t.start { return false }
        let overlap = Double(min(p.end, t.end) - max(p.start, t.start) + 1)
        let trueSpan = Double(t.end - t.start + 1)
        return overlap / trueSpan * 100.0 >= 1.0
    }

    /// One document under one scheme: the strategies of nervaluate's `strategies.py`.
    static func evaluate(_ scheme: Scheme, gold: [Span], predicted: [Span]) -> Score {
        var result = Score()
        var matched = Set<Int>()
        for p in predicted {
            switch scheme {
            case .strict, .exact:
                // The first unmatched gold with the same span (and, in strict, type) is correct;
                // otherwise the first overlapping one seen before it makes the prediction incorrect.
                var incorrect: Int?
                var found = false
                for (i, t) in gold.enumerated() where !matched.contains(i) {
                    if p.start == t.start && p.end == t.end && (scheme == .exact || p.type == t.type) {
                        result.correct += 1
                        matched.insert(i)
                        found = true
                        break
                    }
                    if incorrect == nil && sufficientOverlap(p, t) { incorrect = i }
                }
                if !found {
                    if let i = incorrect { result.incorrect += 1; matched.insert(i) } else { result.spurious += 1 }
                }
            case .partial:
                var partial: Int?
                var found = false
                for (i, t) in gold.enumerated() where !matched.contains(i) && sufficientOverlap(p, t) {
                    if p.start == t.start && p.end == t.end {
                        result.correct += 1
                        matched.insert(i)
                        found = true
                        break
                    }
                    if partial == nil { partial = i }
                }
                if !found {
                    if let i = partial { result.partial += 1; matched.insert(i) } else { result.spurious += 1 }
                }
            case .entType:
                // Same type: the overlapping gold with the closest boundaries (the first of equals);
                // otherwise the first overlapping gold of another type makes it incorrect.
                var best: (index: Int, distance: Int)?
                var incorrect: Int?
                for (i, t) in gold.enumerated() where !matched.contains(i) && sufficientOverlap(p, t) {
                    let distance = abs(p.start - t.start) + abs(p.end - t.end)
                    if p.type == t.type {
                        if best == nil || distance < best!.distance { best = (i, distance) }
                    } else if incorrect == nil {
                        incorrect = i
                    }
                }
                if let best {
                    result.correct += 1; matched.insert(best.index)
                } else if let i = incorrect {
                    result.incorrect += 1; matched.insert(i)
                } else {
                    result.spurious += 1
                }
            }
        }
        result.missed = gold.indices.filter { !matched.contains($0) }.count
        result.computeFigures(scheme: scheme)
        return result
    }
}
