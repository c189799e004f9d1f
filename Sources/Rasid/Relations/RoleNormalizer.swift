/// Writes a post as `ANNOTATION.md` wants it: without proclitics or case endings, in the singular.
///
/// `وأمينًا مساعدًا` → `أمين مساعد`; `الأمينين المساعدين` → `الأمين المساعد`; `أمينةً` → `أمينة`.
/// Only the words of posts are touched (their normalised stems are listed here), so a portfolio
/// (`أمين التنظيم`) keeps its own words as written.
public enum RoleNormalizer {
    /// Normalised stems of words that make up posts, without the article.
    static let postStems: Set<String> = ["امين", "امينه", "مساعد", "مساعده", "عام", "عامه", "قاءم", "قاءمه"]

    public static func normalize(_ role: String) -> String {
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

/// `RoleNormalizer` remembered per worker: news repeats a few hundred posts, and normalising one
/// splits and rebuilds strings. Bounded, so memory stays flat however long the run.
final class RoleCache {
    private var normalized: [ArabicKey: String] = [:]
    private let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    func normalize(_ role: String) -> String {
        if let known = normalized[ArabicKey(role)] { return known }
        if normalized.count >= capacity { normalized.removeAll(keepingCapacity: true) }
        let result = RoleNormalizer.normalize(role)
        normalized[ArabicKey(role)] = result
        return result
    }
}
