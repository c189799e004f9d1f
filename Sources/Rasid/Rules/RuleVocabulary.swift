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

    /// The lists holding word `id` (none for -1, or an id no list holds).
    func mask(of id: Int32) -> UInt64 { masks.withUnsafeBufferPointer { Self.mask(of: id, in: $0) } }

    /// `mask(of:)` on `masks`' buffer, as `DocumentFacts` reads it at every token and stem.
    @inline(__always)
    static func mask(of id: Int32, in masks: UnsafeBufferPointer<UInt64>) -> UInt64 {
        id >= 0 && Int(id) < masks.count ? masks[Int(id)] : 0
    }
}
