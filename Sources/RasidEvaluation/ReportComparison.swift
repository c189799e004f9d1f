/// What changed between two reports of `rasid eval --json`: figures, and the entities each document
/// gained or lost.
public struct ReportComparison: Sendable {
    public struct Change: Equatable, Sendable {
        public var name: String
        public var before: Double
        public var after: Double
    }

    public struct DocumentChange: Equatable, Sendable {
        public var id: String
        /// Predicted in the second report, not in the first.
        public var gained: [AnnotatedEntity]
        /// Predicted in the first report, not in the second.
        public var lost: [AnnotatedEntity]
    }

    public var changes: [Change]
    public var documents: [DocumentChange]

    public init(before: EvaluationReport, after: EvaluationReport) {
        let a = Self.figures(before), b = Self.figures(after)
        // Corpus-wide figures first (fewer name parts), then per type.
        let names = Set(a.keys).union(b.keys).sorted {
            ($0.split(separator: ".").count, $0) < ($1.split(separator: ".").count, $1)
        }
        changes = names.compactMap { name in
            let x = a[name] ?? 0, y = b[name] ?? 0
            return abs(x - y) > 1e-12 ? Change(name: name, before: x, after: y) : nil
        }
        let beforeDocuments = Dictionary(before.perDocument.map { ($0.id, $0.predicted) }, uniquingKeysWith: { x, _ in x })
        let afterDocuments = Dictionary(after.perDocument.map { ($0.id, $0.predicted) }, uniquingKeysWith: { x, _ in x })
        var ids = before.perDocument.map(\.id)
        ids += after.perDocument.map(\.id).filter { beforeDocuments[$0] == nil }
        documents = ids.compactMap { id in
            let old = beforeDocuments[id] ?? [], new = afterDocuments[id] ?? []
            let change = DocumentChange(id: id, gained: Self.subtract(new, old), lost: Self.subtract(old, new))
            return change.gained.isEmpty && change.lost.isEmpty ? nil : change
        }
    }

    /// `x` minus `y` as multisets of (start, end, type).
    static func subtract(_ x: [AnnotatedEntity], _ y: [AnnotatedEntity]) -> [AnnotatedEntity] {
        var left = y
        return x.filter { e in
            if let i = left.firstIndex(where: { $0.start == e.start && $0.end == e.end && $0.type == e.type }) {
                left.remove(at: i)
                return false
            }
            return true
        }
    }

    /// Every figure of a report by a dotted name: `entities.strict.f1`, `entities.PERSON.partial.recall`,
    /// `entities.macro.exact.f1`, `relations.f1`, `relations.role.accuracy` …
    static func figures(_ r: EvaluationReport) -> [String: Double] {
        var f: [String: Double] = ["documents": Double(r.documents), "entities.gold": Double(r.goldEntities),
                                   "entities.predicted": Double(r.predictedEntities)]
        func add(_ prefix: String, _ s: Score) {
            for (name, value) in [("correct", s.correct), ("incorrect", s.incorrect), ("partial", s.partial),
                                  ("missed", s.missed), ("spurious", s.spurious), ("possible", s.possible), ("actual", s.actual)] {
                f["\(prefix).\(name)"] = Double(value)
            }
            f["\(prefix).precision"] = s.precision
            f["\(prefix).recall"] = s.recall
            f["\(prefix).f1"] = s.f1
        }
        for (scheme, s) in r.entities.overall { add("entities.\(scheme)", s) }
        for (type, schemes) in r.entities.byType { for (scheme, s) in schemes { add("entities.\(type).\(scheme)", s) } }
        for (scheme, m) in r.entities.macro {
            f["entities.macro.\(scheme).precision"] = m.precision
            f["entities.macro.\(scheme).recall"] = m.recall
            f["entities.macro.\(scheme).f1"] = m.f1
        }
        let rel = r.relations
        f["relations.gold"] = Double(rel.gold)
        f["relations.predicted"] = Double(rel.predicted)
        f["relations.matched"] = Double(rel.matched)
        f["relations.precision"] = rel.precision
        f["relations.recall"] = rel.recall
        f["relations.f1"] = rel.f1
        for (name, a) in rel.attributes { f["relations.\(name).accuracy"] = a.accuracy }
        return f
    }

    /// The changes as text: one figure per line, then the documents.
    public var text: String {
        if changes.isEmpty && documents.isEmpty { return "No differences.\n" }
        var out = ""
        if !changes.isEmpty {
            out += "Figures that changed:\n"
            let width = changes.map(\.name.count).max()!
            for c in changes {
                // Counts print as integers, ratios with four decimals.
                let isRatio = ["precision", "recall", "f1", "accuracy"].contains { c.name.hasSuffix(".\($0)") }
                func show(_ d: Double) -> String { isRatio ? EvaluationReport.figure(d) : String(Int(d)) }
                let delta = c.after - c.before
                out += "  " + c.name.padding(width) + "  " + show(c.before) + " → " + show(c.after)
                    + "  (" + (delta > 0 ? "+" : "") + show(delta) + ")\n"
            }
        }
        if !documents.isEmpty {
            out += "Documents whose predicted entities changed:\n"
            for d in documents {
                out += "  \(d.id)\n"
                for e in d.gained { out += "    + \(EvaluationReport.describe(e))\n" }
                for e in d.lost { out += "    - \(EvaluationReport.describe(e))\n" }
            }
        }
        return out
    }
}

private extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
