import Foundation

/// Checks gazetteer folders the way `rasid gazetteer check` reports them.
///
/// Errors stop a load or fail a check: malformed lines, stray invisible characters, spellings the
/// tokenizer can never match. Warnings do not: duplicates after normalisation, and one spelling
/// under two types (often meant: `السيد` is a title and a given name).
public struct GazetteerChecker {
    public struct Finding: Sendable, CustomStringConvertible {
        public enum Severity: String, Sendable { case error, warning }
        public var severity: Severity
        public var place: String
        public var message: String
        public var description: String { "\(place): \(severity.rawValue): \(message)" }
    }

    private let builder: GazetteerBuilder

    public init() throws { builder = try GazetteerBuilder() }

    public func check(roots: [(url: URL, displayName: String)]) throws -> [Finding] {
        var findings: [Finding] = []
        // normalised tokens → (type, source) of the first spelling seen
        var seen: [String: [(type: String, source: String)]] = [:]
        for root in roots {
            for file in try GazetteerLoader.files(in: root.url, displayName: root.displayName) {
                let bytes = try [UInt8](Data(contentsOf: file.url))
                findings += Self.invisibleCharacters(in: bytes, path: file.displayPath)
                let parsed = GazetteerFileParser.parse(bytes, path: file.displayPath, folderType: file.folderType)
                findings += parsed.errors.map { Finding(severity: .error, place: "\($0.file):\($0.line ?? 0)", message: $0.message) }
                if parsed.header.provenance == nil {
                    findings.append(Finding(severity: .warning, place: file.displayPath, message: "no '#@ source =' header saying where the entries come from"))
                }
                for entry in parsed.entries {
                    for form in entry.forms {
                        let tokens = try builder.tokens(of: form)
                        if tokens.isEmpty {
                            findings.append(Finding(severity: .error, place: entry.source, message: "'\(form)' has no token to match"))
                            continue
                        }
                        if try !matchesInRunningText(form, tokens) {
                            findings.append(Finding(severity: .error, place: entry.source,
                                                    message: "'\(form)' can never match: in running text it is tokenised differently"))
                        }
                        let key = tokens.joined(separator: " ")
                        let earlier = seen[key, default: []]
                        if let same = earlier.first(where: { $0.type == entry.type }), same.source != entry.source {
                            findings.append(Finding(severity: .warning, place: entry.source,
                                                    message: "'\(form)' duplicates \(same.source) after normalisation"))
                        } else if let other = earlier.first(where: { $0.type != entry.type }), !earlier.contains(where: { $0.type == entry.type }) {
                            findings.append(Finding(severity: .warning, place: entry.source,
                                                    message: "'\(form)' is also \(other.type) at \(other.source)"))
                        }
                        if !earlier.contains(where: { $0.type == entry.type && $0.source == entry.source }) {
                            seen[key, default: []].append((entry.type, entry.source))
                        }
                    }
                }
            }
        }
        return findings
    }

    /// A spelling matches only if text around it leaves its tokens as they are.
    private func matchesInRunningText(_ form: String, _ tokens: [String]) throws -> Bool {
        let inContext = try builder.tokens(of: "قال \(form) أمس")
        return inContext.count == tokens.count + 2 && Array(inContext[1...tokens.count]) == tokens
    }

    /// Bidi controls, zero-width characters and the BOM (past the file's start) hide in copied text.
    static func invisibleCharacters(in bytes: [UInt8], path: String) -> [Finding] {
        var findings: [Finding] = []
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let text = String(decoding: line, as: UTF8.self)
            var column = 0
            for scalar in text.unicodeScalars {
                column += 1
                let v = scalar.value
                let invisible = (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v)
                    || (0x2066...0x2069).contains(v) || v == 0x061C || (v == 0xFEFF && !(lineNumber == 1 && column == 1))
                if invisible {
                    findings.append(Finding(severity: .error, place: "\(path):\(lineNumber):\(column)",
                                            message: "stray invisible character U+\(String(v, radix: 16, uppercase: true))"))
                }
            }
        }
        return findings
    }
}
