import Foundation

/// The entities of one document, gold and predicted, kept so that two reports can be compared.
public struct DocumentEntities: Codable, Equatable, Sendable {
    public var id: String
    public var gold: [AnnotatedEntity]
    public var predicted: [AnnotatedEntity]
}

/// Everything `rasid eval` reports: scores, errors and the entities of each document.
public struct EvaluationReport: Codable, Equatable, Sendable {
    /// Where gold and predictions came from (file names, or `rasid extract`).
    public var gold: String
    public var predictions: String
    public var documents: Int
    public var goldEntities: Int
    public var predictedEntities: Int
    public var entities: EntityScores
    public var relations: RelationScores
    public var errors: [EntityError]
    public var perDocument: [DocumentEntities]
    public var warnings: [String]

    /// Scores `predicted` against `gold`, pairing documents by id.
    public init(gold: [AnnotatedDocument], predicted: [AnnotatedDocument], goldName: String, predictionsName: String,
                scorer: EntityScorer = EntityScorer()) {
        let (predictions, warnings) = Evaluation.pair(gold: gold, predicted: predicted)
        self.gold = goldName
        self.predictions = predictionsName
        self.warnings = warnings
        documents = gold.count
        entities = scorer.score(gold: gold.map(\.entities), predicted: predictions.map(\.entities))
        relations = RelationScorer.score(gold: gold.map(\.relations), predicted: predictions.map(\.relations))
        // Errors and counts use the types that are scored, as the scores do.
        let scored = { (list: [AnnotatedEntity]) in list.filter { scorer.types.contains($0.type) } }
        goldEntities = gold.reduce(0) { $0 + scored($1.entities).count }
        predictedEntities = predictions.reduce(0) { $0 + scored($1.entities).count }
        errors = zip(gold, predictions).flatMap { g, p in
            var g = g
            g.entities = scored(g.entities)
            return ErrorAnalysis.errors(gold: g, predicted: scored(p.entities))
        }
        perDocument = zip(gold, predictions).map { DocumentEntities(id: $0.id, gold: $0.entities, predicted: $1.entities) }
    }

    public var strictF1: Double { entities.overall(.strict).f1 }

    // MARK: JSON

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    public static func read(path: String) throws -> EvaluationReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError("\(path): cannot read the file")
        }
        do { return try JSONDecoder().decode(EvaluationReport.self, from: data) } catch {
            throw ReportError("\(path): not a report written by `rasid eval --json`: \(error)")
        }
    }

    // MARK: Text

    /// The report as text tables; with `errors`, every error with its context.
    public func table(errors showErrors: Bool = false) -> String {
        var out = "Gold: \(gold) — \(documents) documents, \(goldEntities) entities, \(relations.gold) relations\n"
        out += "Predictions: \(predictions) — \(predictedEntities) entities, \(relations.predicted) relations\n"
        for warning in warnings { out += "warning: \(warning)\n" }

        let header = ["correct", "incorrect", "partial", "missed", "spurious", "possible", "actual", "precision", "recall", "f1"]
        func row(_ name: String, _ s: Score) -> [String] {
            [name] + [s.correct, s.incorrect, s.partial, s.missed, s.spurious, s.possible, s.actual].map(String.init)
                + [s.precision, s.recall, s.f1].map(Self.figure)
        }
        out += "\nEntities, all types (micro)\n"
        out += Self.render([["scheme"] + header] + Scheme.allCases.map { row($0.rawValue, entities.overall($0)) })

        out += "\nEntities by type\n"
        var rows = [["type", "scheme"] + header]
        for type in entities.byType.keys.sorted() {
            for scheme in Scheme.allCases {
                rows.append([type] + row(scheme.rawValue, entities.byType[type]![scheme.rawValue] ?? Score()))
            }
        }
        out += Self.render(rows)

        out += "\nEntities, macro average over types\n"
        out += Self.render([["scheme", "precision", "recall", "f1"]] + Scheme.allCases.map { scheme in
            let m = entities.macro[scheme.rawValue] ?? MacroScore()
            return [scheme.rawValue, Self.figure(m.precision), Self.figure(m.recall), Self.figure(m.f1)]
        })

        out += "\nRelations, (person, org) pairs\n"
        out += Self.render([["gold", "predicted", "matched", "precision", "recall", "f1"],
                            [String(relations.gold), String(relations.predicted), String(relations.matched),
                             Self.figure(relations.precision), Self.figure(relations.recall), Self.figure(relations.f1)]])
        out += "Attribute accuracy over matched pairs: " + RelationScorer.attributeNames.map { name in
            let a = relations.attributes[name] ?? AttributeAccuracy()
            return "\(name) \(a.correct)/\(a.total) (\(Self.figure(a.accuracy)))"
        }.joined(separator: ", ") + "\n"

        let counts = ErrorCategory.allCases.map { c in "\(c.rawValue) \(errors.filter { $0.category == c }.count)" }
        out += "\nErrors: \(errors.count) (\(counts.joined(separator: ", ")))\n"
        if showErrors {
            for e in errors {
                var line = "\(e.document)\t\(e.category.rawValue)"
                if let g = e.gold { line += "\tgold \(Self.describe(g))" }
                if let p = e.predicted { line += "\tpredicted \(Self.describe(p))" }
                out += line + "\n\t\(e.context)\n"
            }
        }
        return out
    }

    static func describe(_ e: AnnotatedEntity) -> String { "\(e.type) \(e.start)-\(e.end) \"\(e.text)\"" }

    static func figure(_ d: Double) -> String { String(format: "%.4f", d) }

    /// Left-aligned first column(s), right-aligned numbers, columns two spaces apart.
    static func render(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max()! }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return Double(cell) != nil ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }
}

public struct ReportError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
