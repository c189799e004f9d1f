import Foundation

/// Reads `.rules` files (see `rules/README.md`), reporting every error as `file:line:column`.
public struct RuleFileParser {
    private let normalizer: MatchingNormalizer
    private let tokenizer: Tokenizer

    public init() throws {
        normalizer = try MatchingNormalizer()
        tokenizer = try Tokenizer()
    }

    /// Normalised tokens of a word or phrase, as rules see text.
    func normalizedTokens(_ s: String) -> [String] {
        guard let t = try? tokenizer.tokenize(normalizer.normalize(s)) else { return [] }
        return t.tokens.indices.map { t.withUnits(of: $0, Self.string(utf16:)) }
    }

    /// The string of some UTF-16, as `String(decoding:as: UTF16.self)` makes it (a unit of a
    /// broken surrogate pair becomes U+FFFD), encoded by hand: the generic transcoding cost
    /// thousands of instructions a word, for every word of every list.
    static func string(utf16 u: UnsafeBufferPointer<UInt16>) -> String {
        String(unsafeUninitializedCapacity: 3 * u.count) { out in
            var n = 0, k = 0
            while k < u.count {
                var c = UInt32(u[k])
                k += 1
                if c & 0xF800 == 0xD800 {
                    if c < 0xDC00, k < u.count, u[k] & 0xFC00 == 0xDC00 {
                        c = 0x10000 + ((c - 0xD800) << 10) + (UInt32(u[k]) - 0xDC00)
                        k += 1
                    } else {
                        c = 0xFFFD
                    }
                }
                if c < 0x80 {
                    out[n] = UInt8(c); n += 1
                } else if c < 0x800 {
                    out[n] = UInt8(0xC0 | c >> 6); out[n + 1] = UInt8(0x80 | c & 0x3F); n += 2
                } else if c < 0x10000 {
                    out[n] = UInt8(0xE0 | c >> 12); out[n + 1] = UInt8(0x80 | c >> 6 & 0x3F)
                    out[n + 2] = UInt8(0x80 | c & 0x3F); n += 3
                } else {
                    out[n] = UInt8(0xF0 | c >> 18); out[n + 1] = UInt8(0x80 | c >> 12 & 0x3F)
                    out[n + 2] = UInt8(0x80 | c >> 6 & 0x3F); out[n + 3] = UInt8(0x80 | c & 0x3F); n += 4
                }
            }
            return n
        }
    }

    /// Loads every `.rules` file under `folder`, in name order.
    public func load(folder: URL, displayName: String) throws -> RuleSet {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var files: [(path: String, lines: [String])] = []
        for name in names.sorted() where name.hasSuffix(".rules") {
            let url = folder.appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            guard let text = String(data: data, encoding: .utf8) else {
                throw DataFileError(file: "\(displayName)/\(name)", "invalid UTF-8")
            }
            files.append(("\(displayName)/\(name)", Self.lines(of: text)))
        }
        return try parse(files)
    }

    /// Parses files given as lines; lists are shared by all files, so they are read first.
    public func parse(_ files: [(path: String, lines: [String])]) throws -> RuleSet {
        var set = RuleSet()
        var errors: [DataFileError] = []
        var definitions: [String: String] = [:]
        for file in files {
            for (n, raw) in file.lines.enumerated() {
                let line = Self.trimmed(raw)
                if line.hasPrefix("define ") {
                    let body = line.dropFirst(7)
                    guard let eq = body.firstIndex(of: "=") else {
                        errors.append(DataFileError(file: file.path, line: n + 1, column: 1, "expected 'define NAME = pattern'"))
                        continue
                    }
                    let name = Self.trimmed(body[..<eq])
                    guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                        errors.append(DataFileError(file: file.path, line: n + 1, column: 8, "a definition's name is ASCII letters, digits or _"))
                        continue
                    }
                    if definitions[name] != nil {
                        errors.append(DataFileError(file: file.path, line: n + 1, column: 8, "\(name) defined twice"))
                    }
                    // Earlier definitions may be used in later ones.
                    definitions[name] = Self.expand(Self.trimmed(body[body.index(after: eq)...]), definitions)
                    continue
                }
                guard line.hasPrefix("list ") else { continue }
                let body = line.dropFirst(5)
                let plusEquals = Self.firstRange(of: "+=", in: body)
                let appending = plusEquals != nil
                guard let eq = plusEquals ?? Self.firstRange(of: "=", in: body) else {
                    errors.append(DataFileError(file: file.path, line: n + 1, column: 1, "expected 'list NAME = words…'"))
                    continue
                }
                let name = Self.trimmed(body[..<eq.lowerBound])
                guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                    errors.append(DataFileError(file: file.path, line: n + 1, column: 6, "a list name is ASCII letters, digits or _"))
                    continue
                }
                if !appending && set.lists[name] != nil {
                    errors.append(DataFileError(file: file.path, line: n + 1, column: 6, "list \(name) defined twice (use += to add)"))
                }
                let words = body[eq.upperBound...].split(whereSeparator: { $0 == " " || $0 == "\t" })
                var entries = set.lists[name] ?? []
                for w in words { for token in normalizedTokens(String(w)) { entries.insert(token) } }
                set.lists[name] = entries
            }
        }
        for file in files {
            do { set.phases.append(try parseRules(file, lists: set.lists, definitions: definitions)) } catch let e as DataFileErrors {
                errors += e.errors
            }
        }
        var seen: [String: String] = [:]
        for rule in set.rules {
            if let other = seen[rule.name] {
                errors.append(DataFileError(file: rule.source, "rule \(rule.name) is also defined at \(other)"))
            }
            seen[rule.name] = rule.source
        }
        if !errors.isEmpty { throw DataFileErrors(errors: errors) }
        return set
    }

    private struct Draft {
        var name: String
        var line: Int
        var priority = 0
        var pattern: PatternNode?
        var actions: [RuleAction] = []
        var examples: [RuleExample] = []
    }

    /// Replaces every `%NAME` by its definition in parentheses.
    static func expand(_ pattern: String, _ definitions: [String: String]) -> String {
        // A byte test: without a `%` Character the loop below would give the pattern back as it is.
        guard pattern.utf8.contains(UInt8(ascii: "%")) else { return pattern }
        var out = ""
        var chars = Array(pattern)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            guard c == "%" else { out.append(c); continue }
            let name = String(chars.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            chars = chars.dropFirst(name.count)
            if let body = definitions[name] { out += "(" + body + ")" } else { out += "%" + name }
        }
        return out
    }

    private func parseRules(_ file: (path: String, lines: [String]), lists: [String: Set<String>],
                            definitions: [String: String]) throws -> RulePhase {
        var rules: [Rule] = []
        var errors: [DataFileError] = []
        var draft: Draft?
        let listNames = Set(lists.keys)

        func finish() {
            guard let d = draft else { return }
            draft = nil
            guard let pattern = d.pattern else {
                errors.append(DataFileError(file: file.path, line: d.line, column: 1, "rule \(d.name) has no 'match' line"))
                return
            }
            let program = RuleProgram(pattern)
            for action in d.actions {
                let names: [String]
                switch action {
                case .entity(let capture, _, let features):
                    names = (capture.map { [$0] } ?? []) + features.compactMap {
                        switch $0.value {
                        case .literal: return nil
                        case .capture(let c), .captureFeature(let c, _): return c
                        }
                    }
                case .relation(_, let arguments): names = Array(arguments.values)
                }
                for name in names where program.slot(of: name) == nil {
                    errors.append(DataFileError(file: file.path, line: d.line, column: 1, "rule \(d.name) uses capture '\(name)' that its pattern does not define"))
                }
            }
            if d.actions.isEmpty {
                errors.append(DataFileError(file: file.path, line: d.line, column: 1, "rule \(d.name) has no 'entity' or 'relation' action"))
            }
            rules.append(Rule(name: d.name, priority: d.priority, program: program, actions: d.actions,
                              examples: d.examples, source: "\(file.path):\(d.line)"))
        }

        for (n, raw) in file.lines.enumerated() {
            let lineNumber = n + 1
            let indent = raw.prefix { $0 == " " || $0 == "\t" }.count
            let line = Self.trimmed(raw)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("list ") || line.hasPrefix("define ") { continue }
            func fail(_ column: Int, _ message: String) {
                errors.append(DataFileError(file: file.path, line: lineNumber, column: column, message))
            }
            let keyword = String(line.prefix { !$0.isWhitespace })
            let rest = Self.trimmed(line.dropFirst(keyword.count))
            // Counted only for an error: counting the Characters of every line cost more than the rest of it.
            var restColumn: Int { indent + (line.count - rest.count) + 1 }

            if keyword == "rule" {
                finish()
                guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                    fail(restColumn, "a rule name is ASCII letters, digits or _"); continue
                }
                draft = Draft(name: rest, line: lineNumber)
                continue
            }
            guard draft != nil else { fail(indent + 1, "'\(keyword)' outside a rule"); continue }
            switch keyword {
            case "priority":
                guard let p = Int(rest) else { fail(restColumn, "priority is a whole number"); continue }
                draft!.priority = p
            case "match":
                let expanded = Self.expand(rest, definitions)
                if expanded.utf8.contains(UInt8(ascii: "%")), let undefined = expanded.firstIndex(of: "%") {
                    let name = expanded[expanded.index(after: undefined)...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
                    fail(restColumn, "unknown definition %\(name)"); continue
                }
                do {
                    draft!.pattern = try PatternParser.parse(expanded, lists: listNames) { self.normalizer.normalizedString($0) }
                } catch {
                    // Columns point into the line as written where no definition was expanded.
                    fail(expanded == rest ? restColumn + error.column - 1 : restColumn, error.message)
                }
            case "entity":
                let parts = rest.split(separator: " ").map(String.init)
                var capture: String? = nil
                var k = 0
                if parts.count >= 2, !parts[1].contains("=") { capture = parts[0]; k = 1 }
                guard k < parts.count, !parts[k].contains("=") else { fail(restColumn, "expected 'entity [capture] TYPE key=value…'"); continue }
                let type = parts[k].uppercased()
                var features: [(key: String, value: RuleAction.FeatureValue)] = []
                for part in parts[(k + 1)...] {
                    guard let eq = part.firstIndex(of: "="), eq != part.startIndex else { fail(restColumn, "feature '\(part)' is not key=value"); continue }
                    let key = String(part[..<eq]), value = String(part[part.index(after: eq)...])
                    if value.hasPrefix("$") {
                        let ref = value.dropFirst().split(separator: ".", maxSplits: 1).map(String.init)
                        features.append((key, ref.count == 2 ? .captureFeature(ref[0], ref[1]) : .capture(ref[0])))
                    } else {
                        features.append((key, .literal(value)))
                    }
                }
                draft!.actions.append(.entity(capture: capture, type: type, features: features))
            case "relation":
                let parts = rest.split(separator: " ").map(String.init)
                guard let type = parts.first, !type.contains("=") else { fail(restColumn, "expected 'relation TYPE role=capture…'"); continue }
                var arguments: [String: String] = [:]
                for part in parts.dropFirst() {
                    let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
                    guard kv.count == 2, RelationCandidate.attributes.contains(kv[0]) else {
                        fail(restColumn, "relation argument '\(part)': expected one of \(RelationCandidate.attributes.sorted().joined(separator: ", ")) = capture"); continue
                    }
                    arguments[kv[0]] = kv[1]
                }
                if arguments["person"] == nil { fail(restColumn, "a relation needs person=capture") }
                draft!.actions.append(.relation(type: type, arguments: arguments))
            case "example", "counter":
                let arrow = Self.firstRange(of: "=>", in: rest[...])
                let text = Self.trimmed(rest[..<(arrow?.lowerBound ?? rest.endIndex)])
                guard !text.isEmpty else { fail(restColumn, "an example needs text"); continue }
                var expectations: [RuleExample.Expectation] = []
                if let arrow {
                    for item in rest[arrow.upperBound...].split(separator: ";") {
                        guard let e = Self.expectation(Self.trimmed(item)) else {
                            fail(restColumn, "expected 'TYPE(text)' or 'relation(person, org)' after =>, got '\(item)'"); continue
                        }
                        expectations.append(e)
                    }
                } else if keyword == "example" {
                    fail(restColumn, "an example needs '=> TYPE(text)' saying what it finds"); continue
                }
                draft!.examples.append(RuleExample(text: text, expectations: expectations, isCounter: keyword == "counter",
                                                   source: "\(file.path):\(lineNumber)"))
            default:
                fail(indent + 1, "unknown keyword '\(keyword)' (rule, priority, match, entity, relation, example, counter, list)")
            }
        }
        finish()
        if !errors.isEmpty { throw DataFileErrors(errors: errors) }
        let name = (file.path as NSString).lastPathComponent
        return RulePhase(name: name, rules: rules)
    }

    /// `PERSON(محمد عبد الظاهر)` or `secretary_of(محمد عبد الظاهر, الأمانة المركزية للعلاقات الحكومية)`.
    static func expectation(_ s: String) -> RuleExample.Expectation? {
        guard let open = s.firstIndex(of: "("), s.hasSuffix(")") else { return nil }
        let head = trimmed(s[..<open])
        let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
        guard !head.isEmpty else { return nil }
        if head == head.uppercased() {
            return .entity(type: head, text: trimmed(inner))
        }
        let args = inner.split(separator: ",", maxSplits: 1).map { trimmed($0) }
        guard args.count == 2 else { return nil }
        return .relation(type: head, person: args[0], org: args[1])
    }

    // Foundation's string functions went through NSString and UTF-16 and cost most of loading
    // the rules; these give the same results on Swift's own strings.

    /// `s` without leading and trailing tabs and space separators (Unicode Zs), scalar by scalar:
    /// what `trimmingCharacters(in: .whitespaces)` gives. Foundation's set also holds U+200B ZERO
    /// WIDTH SPACE (Zs in old Unicode), so this does too.
    static func trimmed<S: StringProtocol>(_ s: S) -> String {
        func isSpace(_ c: Unicode.Scalar) -> Bool {
            c.value < 0x80 ? c == " " || c == "\t" : c.value == 0x200B || c.properties.generalCategory == .spaceSeparator
        }
        let scalars = Substring(s).unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { scalars.formIndex(after: &start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { scalars.formIndex(before: &end) }
        return String(Substring(scalars[start..<end]))
    }

    /// The lines of a file, split on the bytes (without breaking the whole file into Characters).
    /// A line may end in `\r\n` (a file saved on Windows): the `\r` is not part of the line.
    /// (`components(separatedBy: "\n")`, used before, compares Characters, and `"\r\n"` is one
    /// Character, so such a file was read as one long line.)
    static func lines(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [String] = []
            var start = 0
            func line(_ end: Int) -> String {
                let cut = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cut]), as: UTF8.self)
            }
            for k in bytes.indices where bytes[k] == UInt8(ascii: "\n") {
                lines.append(line(k))
                start = k + 1
            }
            lines.append(line(bytes.count))
            return lines
        }
    }

    /// Whether `needle`'s UTF-8 occurs in `s`'s (true when `s` has no contiguous UTF-8 to look
    /// at). The shared byte search: the generic `firstRange(of:)` on UTF-8 views cost thousands
    /// of instructions a byte.
    private static func containsBytes(of needle: String, in s: Substring) -> Bool {
        var needle = needle
        return s.utf8.withContiguousStorageIfAvailable { b in needle.withUTF8 { b.containsBytes($0) } } ?? true
    }

    /// Where `needle` first occurs in `s`, Character by Character as Foundation's `range(of:)`
    /// matched (a mark written onto one of its characters is no match).
    static func firstRange(of needle: String, in s: Substring) -> Range<String.Index>? {
        // Most searches find nothing, and the bytes say so without breaking `s` into Characters.
        guard containsBytes(of: needle, in: s) else { return nil }
        guard let first = needle.first else { return nil }
        var i = s.startIndex
        while i < s.endIndex {
            // The first Character alone, before comparing the rest: most positions fail there.
            if s[i] == first, s[i...].starts(with: needle) { return i..<s.index(i, offsetBy: needle.count) }
            s.formIndex(after: &i)
        }
        return nil
    }
}
