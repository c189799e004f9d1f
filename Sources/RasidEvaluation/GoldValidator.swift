import Rasid

/// Checks gold annotation against `ANNOTATION.md` before it is used for scoring: a score against
/// broken gold is meaningless, so every problem is reported with its `file:line`.
public enum GoldValidator {
    public static let entityTypes: Set<String> = Entity.outputTypes

    public static func validate(_ documents: [AnnotatedDocument], file: String) -> [DataFileError] {
        var errors: [DataFileError] = []
        var firstLineOfId: [String: Int] = [:]
        for document in documents {
            func report(_ message: String) {
                errors.append(DataFileError(file: file, line: document.line, "document \(document.id): \(message)"))
            }
            if document.id.isEmpty { report("empty \"id\"") }
            if let first = firstLineOfId[document.id] {
                report("id already used on line \(first)")
            } else {
                firstLineOfId[document.id] = document.line ?? 0
            }

            let text = CodePoints(document.text)
            for (n, e) in document.entities.enumerated() {
                let name = "entity \(n + 1) (\(e.start)–\(e.end) \(e.type))"
                if !entityTypes.contains(e.type) {
                    report("\(name): unknown type \(e.type); known: \(entityTypes.sorted().joined(separator: ", "))")
                }
                guard e.start < e.end else { report("\(name): empty or reversed span"); continue }
                guard let slice = text.slice(e.start, e.end) else {
                    report("\(name): span outside the text of \(text.count) code points"); continue
                }
                // Compared scalar by scalar: String equality would accept canonically equivalent text
                // at other offsets.
                if !slice.unicodeScalars.elementsEqual(e.text.unicodeScalars) {
                    report("\(name): text is \"\(e.text)\" but text[\(e.start):\(e.end)] is \"\(slice)\"")
                }
            }

            let ordered = document.entities.enumerated().sorted { ($0.element.start, $0.element.end) < ($1.element.start, $1.element.end) }
            for (a, b) in zip(ordered, ordered.dropFirst()) where b.element.start < a.element.end {
                report("entity \(a.offset + 1) (\(a.element.start)–\(a.element.end)) and entity \(b.offset + 1) (\(b.element.start)–\(b.element.end)) overlap")
            }

            let persons = Set(document.entities.filter { $0.type == "PERSON" }.map { comparisonKey($0.text) })
            for (n, r) in document.relations.enumerated() {
                if r.type.isEmpty { report("relation \(n + 1): empty type") }
                if r.org.isEmpty { report("relation \(n + 1): empty org") }
                if !persons.contains(comparisonKey(r.person)) {
                    report("relation \(n + 1): person \"\(r.person)\" is not the text of any PERSON entity")
                }
            }
        }
        return errors
    }
}
