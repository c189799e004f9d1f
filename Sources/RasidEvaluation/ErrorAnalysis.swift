import Foundation

/// What went wrong with one entity.
public enum ErrorCategory: String, Codable, Sendable, CaseIterable {
    /// A gold entity that no prediction overlaps.
    case missing
    /// A prediction of the right type whose span differs from the gold it overlaps.
    case boundary
    /// A prediction over the same or an overlapping span with another type.
    case type
    /// A prediction that overlaps no gold entity.
    case spurious
}

/// One miss or false alarm: the gold entity, the prediction, or both when they overlap.
public struct EntityError: Codable, Equatable, Sendable {
    public var document: String
    public var category: ErrorCategory
    public var gold: AnnotatedEntity?
    public var predicted: AnnotatedEntity?
    /// Up to 30 code points either side of the span(s), the span(s) in [brackets], line breaks as spaces.
    public var context: String
}

/// Lists every gold entity not predicted exactly and every prediction not in gold.
///
/// Exact matches (same span and type) are set aside first. Each remaining gold entity is reported once,
/// paired with the remaining prediction that explains it best (same type first, then the largest
/// overlap); each remaining prediction not used that way is reported on its own, as a boundary or type
/// error when it overlaps some gold entity, else as spurious.
public enum ErrorAnalysis {
    public static let contextWidth = 30

    public static func errors(gold: AnnotatedDocument, predicted: [AnnotatedEntity]) -> [EntityError] {
        var goldLeft = gold.entities
        var predictedLeft: [AnnotatedEntity] = []
        for p in predicted {
            if let i = goldLeft.firstIndex(where: { $0.start == p.start && $0.end == p.end && $0.type == p.type }) {
                goldLeft.remove(at: i)
            } else {
                predictedLeft.append(p)
            }
        }
        let text = CodePoints(gold.text)
        var result: [EntityError] = []
        func add(_ category: ErrorCategory, _ g: AnnotatedEntity?, _ p: AnnotatedEntity?) {
            result.append(EntityError(document: gold.id, category: category, gold: g, predicted: p,
                                      context: context(text, [g, p].compactMap { $0 })))
        }
        for g in goldLeft {
            if let i = bestOverlap(for: g, among: predictedLeft) {
                let p = predictedLeft.remove(at: i)
                add(p.type == g.type ? .boundary : .type, g, p)
            } else {
                add(.missing, g, nil)
            }
        }
        for p in predictedLeft {
            if let i = bestOverlap(for: p, among: gold.entities) {
                let g = gold.entities[i]
                add(p.type == g.type ? .boundary : .type, g, p)
            } else {
                add(.spurious, nil, p)
            }
        }
        return result.sorted { ($0.gold ?? $0.predicted!).start < ($1.gold ?? $1.predicted!).start }
    }

    /// The overlapping candidate of the same type with the largest overlap, else of any type.
    static func bestOverlap(for e: AnnotatedEntity, among candidates: [AnnotatedEntity]) -> Int? {
        func overlap(_ c: AnnotatedEntity) -> Int { min(e.end, c.end) - max(e.start, c.start) }
        return candidates.indices
            .filter { candidates[$0].overlaps(e) }
            .max { a, b in
                let ka = (candidates[a].type == e.type ? 1 : 0, overlap(candidates[a]), -a)
                let kb = (candidates[b].type == e.type ? 1 : 0, overlap(candidates[b]), -b)
                return ka < kb
            }
    }

    /// `…before [span] after…`, over the union of the spans.
    static func context(_ text: CodePoints, _ spans: [AnnotatedEntity]) -> String {
        let start = max(0, min(spans.map(\.start).min()!, text.count))
        let end = min(text.count, max(spans.map(\.end).max()!, start))
        func piece(_ a: Int, _ b: Int) -> String {
            (text.slice(a, b) ?? "").replacingOccurrences(of: "\n", with: " ")
        }
        let before = piece(max(0, start - contextWidth), start)
        let after = piece(end, min(text.count, end + contextWidth))
        return before + "[" + piece(start, end) + "]" + after
    }
}
