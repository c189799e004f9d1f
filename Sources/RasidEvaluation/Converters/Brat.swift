/// brat standoff: a `.txt` file and its `.ann`. Offsets are code points (brat counts Python characters).
///
/// `T` lines become entities — a discontinuous one (`0 5;9 14`) takes its full extent — and `R` lines
/// relations, their arguments resolved to the entities' texts. Other lines (attributes, notes, events)
/// are not part of `ANNOTATION.md` and are left out.
public enum Brat {
    public static func read(text: String, annotations: String, id: String, file: String) throws -> ConversionResult {
        let content = CodePoints(text)
        var result = ConversionResult()
        var document = AnnotatedDocument(id: id, text: text)
        var entities: [String: AnnotatedEntity] = [:]
        var dropped = 0
        for (n, raw) in annotations.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let number = n + 1
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let key = fields.first, let kind = key.first, fields.count >= 2 else { continue }
            if kind == "T" {
                // T1 <tab> TYPE start end[;start end]* <tab> text
                var head = fields[1].split(separator: " ", maxSplits: 1).map(String.init)
                guard head.count == 2 else { throw ConversionError(file, line: number, "expected `TYPE start end` in \"\(line)\"") }
                let label = head.removeFirst()
                var starts: [Int] = [], ends: [Int] = []
                for fragment in head[0].split(separator: ";") {
                    let bounds = fragment.split(separator: " ").compactMap { Int($0) }
                    guard bounds.count == 2 else { throw ConversionError(file, line: number, "bad offsets \"\(head[0])\"") }
                    starts.append(bounds[0]); ends.append(bounds[1])
                }
                let start = starts.min()!, end = ends.max()!
                guard let span = content.slice(start, end) else {
                    throw ConversionError(file, line: number, "offsets \(start)-\(end) outside the text of \(content.count) characters")
                }
                switch LabelMapping.map(label) {
                case .type(let type):
                    let e = AnnotatedEntity(start: start, end: end, type: type, text: span)
                    entities[key] = e
                    document.entities.append(e)
                case .dropped: dropped += 1
                case .unknown: throw ConversionError(file, line: number, "unknown entity label \(label)")
                }
            } else if kind == "R" {
                // R1 <tab> TYPE Arg1:T1 Arg2:T2
                let parts = fields[1].split(separator: " ").map(String.init)
                var arguments: [String: String] = [:]
                for part in parts.dropFirst() {
                    let pair = part.split(separator: ":", maxSplits: 1).map(String.init)
                    if pair.count == 2 { arguments[pair[0]] = pair[1] }
                }
                guard let type = parts.first, let a1 = arguments["Arg1"], let a2 = arguments["Arg2"] else {
                    throw ConversionError(file, line: number, "expected `TYPE Arg1:T… Arg2:T…` in \"\(line)\"")
                }
                guard let e1 = entities[a1], let e2 = entities[a2] else {
                    result.warnings.append("\(file):\(number): relation \(key) names an entity that is not converted; left out")
                    continue
                }
                document.relations.append(makeRelation(type: type, e1, e2))
            }
        }
        document.entities.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        if dropped > 0 { result.warnings.append("\(file): \(dropped) entities of labels with no Rasid type (MISC) left out") }
        result.documents = [document]
        return result
    }
}
