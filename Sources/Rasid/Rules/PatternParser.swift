import Foundation

/// Parses the pattern language of `rules/README.md` into a `PatternNode`.
///
/// ```
/// pattern  := seq ('|' seq)*
/// item     := primary ('?' | '*' | '+' | '{n}' | '{n,}' | '{n,m}')?
/// primary  := '(' pattern ')' | '(?<name>' pattern ')' | '(?=' test ')' | '(?!' test ')'
///           | '@TYPE' | '[' test ']' | atom
/// test     := and ('|' and)* ;  and := not ('&' not)* ;  not := '!' not | '(' test ')' | '@TYPE' | atom
/// atom     := "word" | ~"word" | $LIST | ~$LIST | word | number | punct | any | ~word | conj | definite | ~definite | starts("prefix") | ends("suffix")
/// @TYPE may carry a feature test: @TYPE(key=value), @TYPE(key!=value)
/// ```
/// Errors carry the 1-based column of the offending character.
struct PatternParser {
    struct Failure: Error {
        var column: Int
        var message: String
    }

    private let chars: [Character]
    private var i = 0
    /// Normalises quoted words so they compare with the matching view of tokens.
    private let normalize: (String) -> String
    /// Word lists known to the file, so a misspelt `$NAME` is caught at load time.
    private let lists: Set<String>

    init(_ text: String, lists: Set<String>, normalize: @escaping (String) -> String) {
        chars = Array(text)
        self.lists = lists
        self.normalize = normalize
    }

    static func parse(_ text: String, lists: Set<String>, normalize: @escaping (String) -> String) throws(Failure) -> PatternNode {
        var p = PatternParser(text, lists: lists, normalize: normalize)
        let node = try p.alternatives()
        p.skipSpace()
        if p.i < p.chars.count { throw p.fail("unexpected '\(p.chars[p.i])'") }
        return node
    }

    private func fail(_ message: String) -> Failure { Failure(column: i + 1, message: message) }

    private mutating func skipSpace() { while i < chars.count, Self.isWhitespace(chars[i]) { i += 1 } }

    /// `c.isWhitespace`, answered from the byte of a one-byte Character (nearly always): the
    /// Unicode property lookup cost more than the rest of parsing a pattern.
    @inline(__always)
    private static func isWhitespace(_ c: Character) -> Bool {
        guard let a = byte(c) else { return c.isWhitespace }
        return a == 0x20 || (0x09...0x0D).contains(a)
    }

    /// The byte of a Character of one UTF-8 byte (ASCII, not "\r\n"): cheaper than `asciiValue`,
    /// which looks at scalars.
    @inline(__always)
    private static func byte(_ c: Character) -> UInt8? {
        let utf8 = c.utf8
        return utf8.count == 1 ? utf8.first : nil
    }

    private mutating func eat(_ c: Character) -> Bool {
        skipSpace()
        if i < chars.count, chars[i] == c { i += 1; return true }
        return false
    }

    private mutating func expect(_ c: Character) throws(Failure) {
        if !eat(c) { throw fail("expected '\(c)'") }
    }

    private mutating func alternatives() throws(Failure) -> PatternNode {
        var options = [try sequence()]
        while eat("|") { options.append(try sequence()) }
        return options.count == 1 ? options[0] : .alternatives(options)
    }

    private mutating func sequence() throws(Failure) -> PatternNode {
        var items: [PatternNode] = []
        while true {
            skipSpace()
            guard i < chars.count, chars[i] != "|", chars[i] != ")" else { break }
            items.append(try quantified(try primary()))
        }
        if items.isEmpty { throw fail("empty pattern") }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func quantified(_ node: PatternNode) throws(Failure) -> PatternNode {
        guard i < chars.count else { return node }
        if case .lookahead = node, "?*+{".contains(chars[i]) { throw fail("a lookahead cannot be repeated") }
        switch chars[i] {
        case "?": i += 1; return .repeated(node, min: 0, max: 1)
        case "*": i += 1; return .repeated(node, min: 0, max: nil)
        case "+": i += 1; return .repeated(node, min: 1, max: nil)
        case "{":
            i += 1
            let low = number() ?? 0
            var high: Int? = low
            if eat(",") { high = number() }
            try expect("}")
            if let h = high, h < low || h == 0 { throw fail("bad repetition {\(low),\(h)}") }
            if let h = high, h > 32 { throw fail("repetition above 32") }
            return .repeated(node, min: low, max: high)
        default: return node
        }
    }

    private mutating func number() -> Int? {
        skipSpace()
        var value = 0, digits = 0
        while i < chars.count, let d = chars[i].wholeNumberValue, chars[i].isASCII { value = value * 10 + d; digits += 1; i += 1 }
        return digits > 0 ? value : nil
    }

    private mutating func primary() throws(Failure) -> PatternNode {
        skipSpace()
        guard i < chars.count else { throw fail("unexpected end of pattern") }
        switch chars[i] {
        case "(":
            i += 1
            if i + 1 < chars.count, chars[i] == "?" {
                let kind = chars[i + 1]
                i += 2
                switch kind {
                case "<":
                    let name = identifier()
                    if name.isEmpty { throw fail("expected a capture name") }
                    try expect(">")
                    let inner = try alternatives()
                    try expect(")")
                    return .capture(name, inner)
                case "=", "!":
                    let test = try testOr()
                    try expect(")")
                    return .lookahead(test, negated: kind == "!")
                default: throw fail("expected '?<name>', '?=' or '?!'")
                }
            }
            let inner = try alternatives()
            try expect(")")
            return inner
        case "@":
            i += 1
            return .annotation(try annotationFilter())
        case "[":
            i += 1
            let test = try testOr()
            try expect("]")
            return .test(test)
        default:
            return .test(try atom())
        }
    }

    /// `TYPE`, `TYPE(key=value)` or `TYPE(key!=value)`, right after `@`.
    private mutating func annotationFilter() throws(Failure) -> AnnotationFilter {
        let type = identifier()
        if type.isEmpty { throw fail("expected a type after '@'") }
        var filter = AnnotationFilter(type: type.uppercased())
        guard i < chars.count, chars[i] == "(" else { return filter }
        i += 1
        let key = identifier()
        if key.isEmpty { throw fail("expected a feature name") }
        if eat("!") { filter.negated = true }
        try expect("=")
        skipSpace()
        let start = i
        while i < chars.count, chars[i] != ")" { i += 1 }
        filter.feature = key
        filter.value = RuleFileParser.trimmed(String(chars[start..<i]))
        try expect(")")
        return filter
    }

    private mutating func testOr() throws(Failure) -> TokenTest {
        var options = [try testAnd()]
        while eat("|") { options.append(try testAnd()) }
        return options.count == 1 ? options[0] : .or(options)
    }

    private mutating func testAnd() throws(Failure) -> TokenTest {
        var parts = [try testNot()]
        while eat("&") { parts.append(try testNot()) }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func testNot() throws(Failure) -> TokenTest {
        skipSpace()
        guard i < chars.count else { throw fail("unexpected end of test") }
        if chars[i] == "!" { i += 1; return .not(try testNot()) }
        if chars[i] == "(" || chars[i] == "[" {
            let close: Character = chars[i] == "(" ? ")" : "]"
            i += 1
            let t = try testOr()
            try expect(close)
            return t
        }
        if chars[i] == "@" {
            i += 1
            return .covered(try annotationFilter())
        }
        return try atom()
    }

    private mutating func atom() throws(Failure) -> TokenTest {
        skipSpace()
        guard i < chars.count else { throw fail("unexpected end of pattern") }
        var clitics = false
        if chars[i] == "~" { clitics = true; i += 1 }
        guard i < chars.count else { throw fail("expected a word or list after '~'") }
        if chars[i] == "\"" {
            let start = i + 1
            let word = try quoted()
            if word.isEmpty || word.contains(" " as Character) { throw Failure(column: start, message: "a quoted word must be one token") }
            return .word(word, clitics: clitics)
        }
        if chars[i] == "$" {
            i += 1
            let column = i
            let name = identifier()
            guard lists.contains(name) else { throw Failure(column: column, message: "unknown list $\(name)") }
            return .list(name, clitics: clitics)
        }
        let column = i + 1
        let name = identifier()
        if name == "definite" { return .definite(clitics: clitics) }
        if name == "word", clitics { return .afterConjunction }
        if name == "starts" || name == "ends", !clitics {
            try expect("(")
            skipSpace()
            guard i < chars.count, chars[i] == "\"" else { throw fail("expected a quoted text") }
            let affix = try quoted()
            try expect(")")
            return name == "starts" ? .prefix(affix) : .suffix(affix)
        }
        if clitics { throw Failure(column: column - 1, message: "'~' goes before a quoted word, a $LIST, definite or word") }
        switch name {
        case "word": return .kind(.word)
        case "number": return .kind(.number)
        case "punct": return .kind(.punct)
        case "any": return .any
        case "conj": return .conjunction
        case "": throw fail("unexpected '\(chars[i])'")
        case let other: throw Failure(column: column, message: "unknown test '\(other)'")
        }
    }

    /// A quoted text at `i` (on the opening quote), normalised.
    private mutating func quoted() throws(Failure) -> String {
        i += 1
        let start = i
        while i < chars.count, chars[i] != "\"" { i += 1 }
        guard i < chars.count else { throw Failure(column: start, message: "unterminated \"") }
        let text = normalize(String(chars[start..<i]))
        i += 1
        return text
    }

    /// ASCII letters, digits, `_` and `.` (as `isASCII` and `isLetter`/`isNumber` said), made
    /// into a string from their bytes: a `String` made from `Character`s, and `isLetter` on each,
    /// cost most of parsing a pattern.
    private mutating func identifier() -> String {
        skipSpace()
        var bytes: [UInt8] = []
        while i < chars.count, let a = Self.byte(chars[i]),
              (a >= 0x61 && a <= 0x7A) || (a >= 0x41 && a <= 0x5A) || (a >= 0x30 && a <= 0x39) || a == 0x5F || a == 0x2E {
            bytes.append(a)
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
