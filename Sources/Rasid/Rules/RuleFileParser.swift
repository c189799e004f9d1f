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
        return t.tokens.indices.map { t.normalized($0) }
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
            files.append(("\(displayName)/\(name)", text.components(separatedBy: "\n")))
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
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("define ") {
                    let body = line.dropFirst(7)
                    guard let eq = body.firstIndex(of: "=") else {
                        errors.append(DataFileError(file: file.path, line: n + 1, column: 1, "expected 'define NAME = pattern'"))
                        continue
                    }
                    let name = body[..<eq].trimmingCharacters(in: .whitespaces)
                    guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                        errors.append(DataFileError(file: file.path, line: n + 1, column: 8, "a definition's name is ASCII letters, digits or _"))
                        continue
                    }
                    if definitions[name] != nil {
                        errors.append(DataFileError(file: file.path, line: n + 1, column: 8, "\(name) defined twice"))
                    }
                    // Earlier definitions may be used in later ones.
                    definitions[name] = Self.expand(String(body[body.index(after: eq)...]).trimmingCharacters(in: .whitespaces), definitions)
                    continue
                }
                guard line.hasPrefix("list ") else { continue }
                let body = line.dropFirst(5)
                let appending = body.contains("+=")
                guard let eq = body.range(of: appending ? "+=" : "=") else {
                    errors.append(DataFileError(file: file.path, line: n + 1, column: 1, "expected 'list NAME = words…'"))
                    continue
                }
                let name = body[..<eq.lowerBound].trimmingCharacters(in: .whitespaces)
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
        guard pattern.contains("%") else { return pattern }
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
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("list ") || line.hasPrefix("define ") { continue }
            func fail(_ column: Int, _ message: String) {
                errors.append(DataFileError(file: file.path, line: lineNumber, column: column, message))
            }
            let keyword = String(line.prefix { !$0.isWhitespace })
            let rest = line.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
            let restColumn = indent + (line.count - rest.count) + 1

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
                if let undefined = expanded.range(of: "%") {
                    let name = expanded[undefined.upperBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
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
                let pieces = rest.components(separatedBy: "=>")
                let text = pieces[0].trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { fail(restColumn, "an example needs text"); continue }
                var expectations: [RuleExample.Expectation] = []
                if pieces.count > 1 {
                    for item in pieces[1...].joined(separator: "=>").split(separator: ";") {
                        guard let e = Self.expectation(item.trimmingCharacters(in: .whitespaces)) else {
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
        let head = String(s[..<open]).trimmingCharacters(in: .whitespaces)
        let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
        guard !head.isEmpty else { return nil }
        if head == head.uppercased() {
            return .entity(type: head, text: inner.trimmingCharacters(in: .whitespaces))
        }
        let args = inner.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard args.count == 2 else { return nil }
        return .relation(type: head, person: args[0], org: args[1])
    }
}
