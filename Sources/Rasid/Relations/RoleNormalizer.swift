/// Writes a post as `ANNOTATION.md` wants it: without proclitics or case endings, in the singular.
///
/// `وأمينًا مساعدًا` → `أمين مساعد`; `الأمينين المساعدين` → `الأمين المساعد`; `أمينةً` → `أمينة`.
/// Only the words of posts are touched (their normalised stems are listed here), so a portfolio
/// (`أمين التنظيم`) keeps its own words as written.
public enum RoleNormalizer {
    /// Normalised stems of words that make up posts, without the article.
    static let postStems: Set<String> = ["امين", "امينه", "مساعد", "مساعده", "عام", "عامه", "قاءم", "قاءمه"]

    public static func normalize(_ role: String) -> String {
        PlainRoleNormalizer.normalize(role) ?? normalizeByCharacters(role)
    }

    /// The definition, on `Character`s: what `PlainRoleNormalizer` must give, and what decides
    /// the text it leaves alone.
    static func normalizeByCharacters(_ role: String) -> String {
        var words = role.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map { stripMarks(String($0)) }
        guard !words.isEmpty else { return role }
        words[0] = stripProclitic(words[0])
        return words.map(singular).joined(separator: " ")
    }

    /// Tashkeel and tatweel are not part of how a post is written.
    static func stripMarks(_ w: String) -> String {
        String(String.UnicodeScalarView(w.unicodeScalars.filter { !((0x064B...0x0652).contains($0.value) || $0.value == 0x0640 || $0.value == 0x0670) }))
    }

    static func key(_ w: String) -> String { ArabicFolding.comparisonKey(w) }

    /// `و`/`ف` and `ب`/`ل`/`ك` before a post word (`وأمين`, `كأمين`, `للأمين` → `الأمين`).
    static func stripProclitic(_ w: String) -> String {
        let scalars = Array(w.unicodeScalars)
        // Only و ف then ب ل ك are proclitics; the article ال is part of the post (`الأمين العام`).
        let conjunctions: Set<Unicode.Scalar> = ["و", "ف"], prepositions: Set<Unicode.Scalar> = ["ب", "ل", "ك"]
        guard let first = scalars.first, conjunctions.contains(first) || prepositions.contains(first) else { return w }
        for cut in [1, 2] where scalars.count > cut + 2 {
            if cut == 2 && !(conjunctions.contains(first) && prepositions.contains(scalars[1])) { continue }
            let rest = String(String.UnicodeScalarView(scalars[cut...]))
            let k = key(rest)
            if postStems.contains(bare(k)) || postStems.contains(bare(singularKey(k))) || bare(k) == "امناء" { return rest }
            // للأمين: the article's alef was dropped after ل.
            if cut == 1, scalars[0] == "ل", scalars[1] == "ل", postStems.contains(bare(key("ا" + rest))) { return "ا" + rest }
        }
        return w
    }

    static func bare(_ k: String) -> String { k.hasPrefix("ال") ? String(k.dropFirst(2)) : k }

    /// Case ending and number of a post word, on its comparison key.
    static func singularKey(_ k: String) -> String {
        for suffix in ["ين", "ان", "ا", "ات"] where k.hasSuffix(suffix) {
            let base = String(k.dropLast(suffix.count))
            if postStems.contains(bare(base)) { return base }
            if suffix == "ات", postStems.contains(bare(base + "ه")) { return base + "ه" }
        }
        return k
    }

    static func singular(_ w: String) -> String {
        let k = key(w)
        if postStems.contains(bare(k)) { return w }
        if bare(k) == "امناء" { return k.hasPrefix("ال") ? "الأمين" : "أمين" }
        let s = singularKey(k)
        guard s != k else { return w }
        // Drop as many letters from the written word as the key lost.
        let drop = k.count - s.count
        var out = String(w.dropLast(drop))
        if s.hasSuffix("ه") && !k.hasSuffix("ه") { out += "ة" }
        return out
    }
}

/// What relation resolution works out from strings that recur across documents, remembered per
/// worker: posts (news repeats a few hundred, and normalising one splits and rebuilds strings),
/// back-references (`الأمانة`, `الحزب`) and party names. Bounded, so memory stays flat however
/// long the run.
final class RoleCache {
    /// A post as `RoleNormalizer` writes it, with what resolution asks of its `comparisonKey`.
    struct Post {
        var written: String?
        /// `مساعد`: an assistant.
        var isAssistant = false
        /// `عام`: a general (central) post.
        var isGeneral = false
        /// Ends with `المحافظه`: the governorate's post.
        var isOfGovernorate = false

        /// No post captured.
        static let none = Post(written: nil)

        init(written: String?) {
            self.written = written
            guard let written else { return }
            let key = ArabicFolding.comparisonKey(written)
            isAssistant = key.containsKey("مساعد")
            isGeneral = key.containsKey("عام")
            isOfGovernorate = key.hasSuffix("المحافظه")
        }
    }

    /// A back-reference (`الحزب`, `الأمانة`, `المحافظة`): what its `comparisonKey` ends with.
    struct Reference {
        var toParty = false, toSecretariat = false, toGovernorate = false

        static let none = Reference()

        init() {}

        init(_ text: String) {
            let key = ArabicFolding.comparisonKey(text)
            toParty = key.hasSuffix("حزب")
            toSecretariat = key.hasSuffix("امانه")
            toGovernorate = key.hasSuffix("محافظه")
        }
    }

    /// Posts are looked up as before this cache held more: by `ArabicKey`, so canonically
    /// equivalent spellings share one entry. References and party names are looked up byte for
    /// byte, as what is read from their keys can differ between equivalent spellings.
    private var posts: [ArabicKey: Post] = [:]
    private var references: [ExactText: Reference] = [:]
    private var parties: [ExactText: (name: String, key: String)] = [:]
    private var hizbMentions: [ExactText: Bool] = [:]
    private var comparisonKeys: [ExactText: String] = [:]
    private let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    func normalize(_ role: String) -> String { post(role).written! }

    func post(_ role: String) -> Post {
        Self.remembered(ArabicKey(role), in: &posts, capacity: capacity) { Post(written: RoleNormalizer.normalize(role)) }
    }

    func reference(_ text: String) -> Reference {
        Self.remembered(ExactText(text), in: &references, capacity: capacity) { Reference(text) }
    }

    /// A party's name as relations write it (`حزب` before a bare name) and that name's `comparisonKey`.
    func party(_ name: String) -> (name: String, key: String) {
        Self.remembered(ExactText(name), in: &parties, capacity: capacity) {
            let key = ArabicFolding.comparisonKey(name)
            let written = key.hasPrefix("حزب") || key.hasPrefix("الحزب") ? name : "حزب " + name
            return (written, ArabicFolding.comparisonKey(written))
        }
    }

    /// Whether a party's mention writes `حزب` (its `comparisonKey` holds it): news names the
    /// same parties on every page, and making the key of every mention cost about 1,600
    /// instructions (2.3M on c1 with rules), a look-up a few hundred.
    func writesHizb(_ mention: String) -> Bool {
        Self.remembered(ExactText(mention), in: &hizbMentions, capacity: capacity) {
            ArabicFolding.comparisonKey(mention).containsKey("حزب")
        }
    }

    /// `ArabicFolding.comparisonKey(text)`, remembered: the bodies relations name recur across
    /// documents.
    func comparisonKey(_ text: String) -> String {
        Self.remembered(ExactText(text), in: &comparisonKeys, capacity: capacity) { ArabicFolding.comparisonKey(text) }
    }

    private static func remembered<Key: Hashable, Value>(_ key: Key, in table: inout [Key: Value], capacity: Int,
                                                         _ make: () -> Value) -> Value {
        if let known = table[key] { return known }
        if table.count >= capacity { table.removeAll(keepingCapacity: true) }
        let value = make()
        table[key] = value
        return value
    }
}

/// A string as a dictionary key, equal only to the same bytes.
struct ExactText: Hashable {
    let string: String

    init(_ string: String) { self.string = string }

    /// On the bytes in place (`ArabicKey.sameBytes`, with `memcmp`): the views' generic `elementsEqual` cost over a thousand
    /// instructions a call, the buffers' about ten a byte. A look-up compares its key with every
    /// key it probes.
    static func == (a: Self, b: Self) -> Bool { ArabicKey.sameBytes(a.string, b.string) }

    /// The bytes in one go: hashed as `ArabicKey` (letter by letter) it cost more than the
    /// comparison it saves.
    func hash(into hasher: inout Hasher) {
        var s = string
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
