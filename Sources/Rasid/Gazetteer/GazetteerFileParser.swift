/// Reads the gazetteer line format (see `gazetteers/README.md`).
///
/// Parsing knows nothing of matching: it turns bytes into `GazetteerEntry` values and reports every
/// malformed line as `file:line: message`.
public struct GazetteerFileParser: Sendable {
    public struct Result: Sendable {
        public var header: GazetteerFileHeader
        public var entries: [GazetteerEntry]
        public var errors: [DataFileError]
    }

    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - path: the path shown in errors and in each entry's `source`.
    ///   - folderType: the type given by the file's folder, if any.
    public static func parse(_ bytes: [UInt8], path: String, folderType: String?) -> Result {
        var entries: [GazetteerEntry] = []
        let (header, errors) = parse(bytes, path: path, folderType: folderType) { entries.append($0) }
        return Result(header: header, entries: entries, errors: errors)
    }

    /// The same, handing each entry to `each` as it is read, so a loader need not hold a large
    /// file's entries all at once.
    static func parse(_ bytes: [UInt8], path: String, folderType: String?,
                      each: (GazetteerEntry) throws -> Void) rethrows -> (header: GazetteerFileHeader, errors: [DataFileError]) {
        var header = GazetteerFileHeader()
        var errors: [DataFileError] = []
        var seenEntry = false
        var lineNumber = 0

        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            func fail(_ message: String) { errors.append(DataFileError(file: path, line: lineNumber, message)) }
            var lineBytes = rawLine
            if lineBytes.last == 0x0D { lineBytes = lineBytes.dropLast() }
            if lineNumber == 1, lineBytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineBytes = lineBytes.dropFirst(3) }
            guard let line = String(validating: lineBytes, as: UTF8.self) else {
                fail("invalid UTF-8")
                continue
            }
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#@") {
                if seenEntry { fail("header '\(trimmed)' after the first entry: move it to the top"); continue }
                let body = trimmed.dropFirst(2)
                guard let eq = body.firstIndex(of: "=") else { fail("header needs 'key = value'"); continue }
                let key = String(body[..<eq]).trimmingSpaces
                let value = String(body[body.index(after: eq)...]).trimmingSpaces
                guard isFeatureKey(key) else { fail("header key '\(key)' must be letters, digits or _"); continue }
                switch key {
                case "type":
                    guard !value.isEmpty else { fail("empty type"); continue }
                    header.type = value.uppercased()
                case "source": header.provenance = value
                case "licence", "license": header.licence = value
                default: header.defaults[key] = value
                }
                continue
            }
            if trimmed.hasPrefix("#") { continue }

            seenEntry = true
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            let forms = columns[0].split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            if forms.contains(where: \.isEmpty) { fail("empty form in '\(columns[0])'"); continue }
            var features = header.defaults
            var bad = false
            for column in columns.dropFirst() {
                let field = String(column).trimmingSpaces
                if field.isEmpty { continue }
                guard let eq = field.firstIndex(of: "=") else {
                    fail("feature '\(field)' is not key=value"); bad = true; break
                }
                let key = String(field[..<eq])
                guard isFeatureKey(key) else { fail("feature key '\(key)' must be letters, digits or _"); bad = true; break }
                features[key] = String(field[field.index(after: eq)...])
            }
            if bad { continue }
            guard let type = header.type ?? folderType else {
                fail("no type: put the file in a folder named after its type or add '#@ type = …'")
                continue
            }
            let canonical = features.removeValue(forKey: "canonical") ?? forms[0]
            try each(GazetteerEntry(type: type, forms: forms, canonical: canonical,
                                    features: features, source: "\(path):\(lineNumber)"))
        }
        return (header, errors)
    }

    static func isFeatureKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (Foundation-free).
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
