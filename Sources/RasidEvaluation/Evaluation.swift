import Rasid

/// Pairs predictions with gold and runs the pipeline on gold texts.
public enum Evaluation {
    /// The prediction of each gold document, found by id. A gold document without a prediction
    /// is scored as predicting nothing; predictions for unknown ids are left out. Both are warned about.
    public static func pair(gold: [AnnotatedDocument], predicted: [AnnotatedDocument])
        -> (predictions: [AnnotatedDocument], warnings: [String]) {
        var byId: [String: AnnotatedDocument] = [:]
        var warnings: [String] = []
        for p in predicted {
            if byId[p.id] != nil { warnings.append("document \(p.id) predicted more than once; the first is scored"); continue }
            byId[p.id] = p
        }
        let goldIds = Set(gold.map(\.id))
        for p in predicted where !goldIds.contains(p.id) {
            warnings.append("document \(p.id) is not in gold; ignored")
        }
        let predictions = gold.map { g -> AnnotatedDocument in
            if let p = byId[g.id] { return p }
            warnings.append("document \(g.id) has no prediction; scored as finding nothing")
            return AnnotatedDocument(id: g.id, text: g.text)
        }
        return (predictions, warnings)
    }

    /// Runs extraction on the text of every gold document.
    public static func extract(_ gold: [AnnotatedDocument], using worker: PipelineWorker) throws -> [AnnotatedDocument] {
        try gold.map { AnnotatedDocument(id: $0.id, text: $0.text, extraction: try worker.extract($0.text)) }
    }
}
