import Foundation

/// Converts other tools' gazetteers into Rasid's line format.
///
/// - GATE: a `lists.def` (`file.lst:majorType[:minorType[:language[:annotationType]]]`) and its
///   `.lst` files (`entry` or `entry<sep>feature=value…`, separator `&` by default). The type is the
///   annotationType where it is not `Lookup`, else the majorType; minorType becomes `subtype`.
/// - spaCy: phrase patterns in `patterns.jsonl` (`{"label", "pattern": "text", "id"}`) and token
///   patterns whose tokens only fix `ORTH`, `TEXT` or `LOWER` (joined by spaces).
/// - CoreNLP RegexNER: TSV `pattern<TAB>TYPE[…]`, literal entries only (no regex operators).
/// What cannot be converted is listed as skipped, with its line, never dropped silently.
public enum GazetteerImporter {
    public enum Format: String, CaseIterable, Sendable { case gate, spacy, regexner }

    public struct Output: Sendable {
        /// Type → entry lines in Rasid's format (forms, then TAB-separated features).
        public var lines: [String: [String]] = [:]
        public var skipped: [DataFileError] = []
        public var count: Int { lines.values.reduce(0) { $0 + $1.count } }
    }

    public static func load(_ format: Format, from url: URL, featureSeparator: String = "&") throws -> Output {
        switch format {
        case .gate: return try gate(listsDef: url, separator: featureSeparator)
        case .spacy: return try spacy(url)
        case .regexner: return try regexNER(url)
        }
    }

    /// Writes `output` as `DIR/<type>/<name>.lst`, one file per type.
    public static func write(_ output: Output, to dir: URL, name: String, source: String) throws {
        for (type, lines) in output.lines {
            let folder = dir.appendingPathComponent(type.lowercased())
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let text = "#@ type = \(type)\n#@ source = \(source)\n" + lines.joined(separator: "\n") + "\n"
            try text.write(to: folder.appendingPathComponent("\(name).lst"), atomically: true, encoding: .utf8)
        }
    }

    static func readLines(_ url: URL) throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).replacingOccurrences(of: "\r", with: "") }
    }

    /// A form may not hold the characters that structure a Rasid line.
    static func clean(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty || t.contains("\t") || t.contains("|") ? nil : t
    }

    static func gate(listsDef: URL, separator: String) throws -> Output {
        var out = Output()
        let folder = listsDef.deletingLastPathComponent()
        for (n, line) in try readLines(listsDef).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2, !parts[1].isEmpty else {
                out.skipped.append(DataFileError(file: listsDef.path, line: n + 1, "expected file.lst:majorType"))
                continue
            }
            let annotationType = parts.count > 4 ? parts[4] : ""
            let type = (annotationType.isEmpty || annotationType == "Lookup" ? parts[1] : annotationType).uppercased()
            let minor = parts.count > 2 ? parts[2] : ""
            let list = folder.appendingPathComponent(parts[0])
            for (k, entryLine) in try readLines(list).enumerated() where !entryLine.trimmingCharacters(in: .whitespaces).isEmpty {
                let fields = entryLine.components(separatedBy: separator)
                guard let form = clean(fields[0]) else {
                    out.skipped.append(DataFileError(file: list.path, line: k + 1, "entry holds a TAB or '|'"))
                    continue
                }
                var features = minor.isEmpty ? [] : ["subtype=\(minor)"]
                features += fields.dropFirst().filter { $0.contains("=") }
                out.lines[type, default: []].append(([form] + features).joined(separator: "\t"))
            }
        }
        return out
    }

    static func spacy(_ url: URL) throws -> Output {
        var out = Output()
        for (n, line) in try readLines(url).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            func skip(_ why: String) { out.skipped.append(DataFileError(file: url.path, line: n + 1, why)) }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  let label = object["label"] as? String else { skip("not a pattern object with a label"); continue }
            var text: String?
            if let phrase = object["pattern"] as? String {
                text = phrase
            } else if let tokens = object["pattern"] as? [[String: Any]] {
                let words = tokens.compactMap { t -> String? in
                    guard t.count == 1, let key = t.keys.first, ["ORTH", "TEXT", "LOWER"].contains(key) else { return nil }
                    return t[key] as? String
                }
                text = words.count == tokens.count ? words.joined(separator: " ") : nil
            }
            guard let raw = text, let form = clean(raw) else { skip("only literal patterns can be imported"); continue }
            var fields = [form]
            if let id = object["id"] as? String, !id.contains("\t") { fields.append("id=\(id)") }
            out.lines[label.uppercased(), default: []].append(fields.joined(separator: "\t"))
        }
        return out
    }

    static func regexNER(_ url: URL) throws -> Output {
        var out = Output()
        let operators = CharacterSet(charactersIn: "\\[](){}*+?^$|")
        for (n, line) in try readLines(url).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty && !line.hasPrefix("#") {
            let cols = line.components(separatedBy: "\t")
            guard cols.count >= 2, !cols[1].isEmpty else {
                out.skipped.append(DataFileError(file: url.path, line: n + 1, "expected pattern<TAB>TYPE"))
                continue
            }
            guard cols[0].rangeOfCharacter(from: operators) == nil, let form = clean(cols[0]) else {
                out.skipped.append(DataFileError(file: url.path, line: n + 1, "not a literal entry"))
                continue
            }
            out.lines[cols[1].uppercased(), default: []].append(form)
        }
        return out
    }
}
