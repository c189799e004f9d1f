/// `RoleNormalizer.normalize` on scalars, for the posts nearly all text writes: Arabic letters,
/// tashkeel, tatweel, ASCII and white space.
///
/// The definition splits and compares `Character`s (grapheme breaking, canonical equivalence),
/// which cost tens of thousands of instructions per post. In this alphabet every letter is a
/// `Character` of its own and no two spellings are canonically equivalent, so characters are
/// scalars and comparing strings is comparing scalars. The one place grapheme breaking differs
/// from splitting on scalars, a mark after a space (one `Character`, so no separator), is left to
/// the definition, as is any other scalar. A test compares the two on random posts.
enum PlainRoleNormalizer {
    typealias Word = [UInt32]

    /// The written post, or nil where the text leaves this alphabet (the definition then decides).
    static func normalize(_ role: String) -> String? {
        var words: [Word] = [], current: Word = [], inWord = false, afterSpace = false
        for scalar in role.unicodeScalars {
            let v = scalar.value
            if v == 0x20 || v == 0x09 || v == 0x0A {
                if inWord { words.append(current); current.removeAll(keepingCapacity: true); inWord = false }
                afterSpace = v == 0x20
                continue
            }
            if (0x064B...0x0652).contains(v) || v == 0x0670 {
                // Tashkeel extends the character before it: after a space, the space is no separator.
                if afterSpace { return nil }
            } else if v != 0x0640 {
                guard isPlain(v) else { return nil }
                current.append(v)
            }
            inWord = true
            afterSpace = false
        }
        if inWord { words.append(current) }
        guard !words.isEmpty else { return role }
        words[0] = stripProclitic(words[0])
        // Encoded by hand (every plain scalar is below U+0800): appending scalars to a
        // `String.UnicodeScalarView` cost thousands of instructions a word.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(role.utf8.count + 4)
        for (n, word) in words.enumerated() {
            if n > 0 { utf8.append(0x20) }
            for v in singular(word) {
                if v < 0x80 {
                    utf8.append(UInt8(v))
                } else {
                    utf8.append(UInt8(0xC0 | v >> 6))
                    utf8.append(UInt8(0x80 | v & 0x3F))
                }
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Letters with no decomposition that compose with nothing here, each a character of its own.
    private static func isPlain(_ v: UInt32) -> Bool {
        (0x21...0x7E).contains(v) || (0x0621...0x063A).contains(v) || (0x0641...0x064A).contains(v) || (0x0660...0x0669).contains(v)
    }

    private static func word(_ s: String) -> Word { s.unicodeScalars.map(\.value) }
    private static let postStems: [Word] = RoleNormalizer.postStems.map(word)
    private static let article = word("ال"), trustees = word("امناء")
    private static let suffixes: [Word] = ["ين", "ان", "ا", "ات"].map(word)
    private static let alef: UInt32 = 0x0627, lam: UInt32 = 0x0644, heh: UInt32 = 0x0647, tehMarbuta: UInt32 = 0x0629

    /// `ArabicFolding.comparisonKey` of a plain word: nothing to drop, a few letters to replace.
    private static func key(_ w: Word) -> Word {
        w.map { v in
            switch v {
            case 0x0622, 0x0623, 0x0625: return alef
            case 0x0629: return heh
            case 0x0624, 0x0626: return 0x0621
            case 0x0649: return 0x064A
            case 0x0660...0x0669: return v - 0x0660 + 0x30
            default: return v
            }
        }
    }

    private static func isStem(_ k: ArraySlice<UInt32>) -> Bool { postStems.contains { $0.elementsEqual(k) } }

    private static func bare(_ k: Word) -> ArraySlice<UInt32> { k.starts(with: article) ? k.dropFirst(2) : k[...] }

    private static func hasSuffix(_ k: Word, _ suffix: Word) -> Bool { k.count >= suffix.count && k.suffix(suffix.count).elementsEqual(suffix) }

    private static func stripProclitic(_ w: Word) -> Word {
        let conjunctions: [UInt32] = [0x0648, 0x0641], prepositions: [UInt32] = [0x0628, lam, 0x0643]  // و ف, ب ل ك
        guard let first = w.first, conjunctions.contains(first) || prepositions.contains(first) else { return w }
        for cut in [1, 2] where w.count > cut + 2 {
            if cut == 2 && !(conjunctions.contains(first) && prepositions.contains(w[1])) { continue }
            let rest = Array(w[cut...])
            let k = key(rest)
            if isStem(bare(k)) || isStem(bare(singularKey(k))) || bare(k).elementsEqual(trustees) { return rest }
            if cut == 1, w[0] == lam, w[1] == lam, isStem(bare(key([alef] + rest))) { return [alef] + rest }
        }
        return w
    }

    private static func singularKey(_ k: Word) -> Word {
        for suffix in suffixes where hasSuffix(k, suffix) {
            let base = Array(k.dropLast(suffix.count))
            if isStem(bare(base)) { return base }
            if suffix == suffixes[3], isStem(bare(base + [heh])) { return base + [heh] }
        }
        return k
    }

    private static func singular(_ w: Word) -> Word {
        let k = key(w)
        if isStem(bare(k)) { return w }
        if bare(k).elementsEqual(trustees) { return word(k.starts(with: article) ? "الأمين" : "أمين") }
        let s = singularKey(k)
        guard s != k else { return w }
        // Drop as many letters from the written word as the key lost (a plain word's key is as long).
        var out = Array(w.dropLast(k.count - s.count))
        if s.last == heh && k.last != heh { out.append(tehMarbuta) }
        return out
    }
}
