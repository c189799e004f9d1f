/// The words, word lists and annotation types of the rules, as small integers.
///
/// Rules test every token against words and lists; comparing Arabic `String`s hashes and
/// normalises them each time, so tokens are looked up once per document in this lexicon and tests
/// become integer and bit-mask checks.
public struct RuleVocabulary: Sendable {
    /// Up to 64 word lists and 64 annotation types: one bit each in a `UInt64`.
    public static let capacity = 64

    var lexicon = TokenLexicon()
    /// Per word id: the lists that hold it.
    var masks: [UInt64] = []
    var listBits: [String: Int] = [:]
    var typeBits: [String: Int] = [:]

    init(lists: [String: Set<String>], types: Set<String>) throws {
        guard lists.count <= Self.capacity else {
            throw DataFileError(file: "rules", "more than \(Self.capacity) word lists")
        }
        for (bit, name) in lists.keys.sorted().enumerated() {
            listBits[name] = bit
            for word in lists[name]! {
                let id = Int(lexicon.intern(word))
                if id >= masks.count { masks.append(contentsOf: repeatElement(0, count: id - masks.count + 1)) }
                masks[id] |= 1 << UInt64(bit)
            }
        }
        guard types.count <= Self.capacity else {
            throw DataFileError(file: "rules", "more than \(Self.capacity) annotation types")
        }
        for (bit, type) in types.sorted().enumerated() { typeBits[type] = bit }
    }

    mutating func wordID(_ word: String) -> Int32 {
        let id = lexicon.intern(word)
        if Int(id) >= masks.count { masks.append(0) }
        return id
    }

    @inline(__always)
    func mask(of id: Int32) -> UInt64 { id >= 0 && Int(id) < masks.count ? masks[Int(id)] : 0 }
}

/// A `TokenTest` resolved against a `RuleVocabulary`.
indirect enum CompiledTest: Sendable {
    case word(Int32, clitics: Bool)
    case list(UInt64, clitics: Bool)
    case kind(TokenTest.Kind)
    case covered(UInt64, AnnotationFilter?)
    case prefix([UInt16])
    case suffix([UInt16])
    case definite(clitics: Bool)
    case conjunction
    case afterConjunction
    case any
    case never
    case not(CompiledTest)
    case and([CompiledTest])
    case or([CompiledTest])

    static func compile(_ t: TokenTest, _ v: inout RuleVocabulary) -> CompiledTest {
        switch t {
        case .word(let w, let clitics): return .word(v.wordID(w), clitics: clitics)
        case .list(let name, let clitics):
            guard let bit = v.listBits[name] else { return .never }
            return .list(1 << UInt64(bit), clitics: clitics)
        case .kind(let k): return .kind(k)
        case .covered(let filter):
            guard let bit = v.typeBits[filter.type] else { return .never }
            return .covered(1 << UInt64(bit), filter.feature == nil ? nil : filter)
        case .prefix(let p): return .prefix(Array(p.utf16))
        case .suffix(let p): return .suffix(Array(p.utf16))
        case .definite(let clitics): return .definite(clitics: clitics)
        case .conjunction: return .conjunction
        case .afterConjunction: return .afterConjunction
        case .any: return .any
        case .not(let inner): return .not(compile(inner, &v))
        case .and(let parts): return .and(parts.map { compile($0, &v) })
        case .or(let options): return .or(options.map { compile($0, &v) })
        }
    }
}
