/// Proposes proclitic splits of an Arabic word.
///
/// The proclitics are an optional conjunction (و ف), an optional preposition (ب ل ك) and, written
/// `لل`, the preposition ل before the article ال whose alef is dropped (`للحزب` = ل + الحزب).
/// The analyser only proposes; the matcher takes a split where the rest is a known entry and the
/// whole word is not.
public enum CliticAnalyzer {
    /// One proposed split.
    public struct Split: Sendable, Equatable {
        /// How many normalised UTF-16 units of the word the clitics take.
        public var length: Int
        /// True when the rest is read with the dropped alef of the article restored (`لل…` → `ال…`).
        public var restoresAlef: Bool
    }

    static let waw: UInt16 = 0x0648, fa: UInt16 = 0x0641
    static let ba: UInt16 = 0x0628, lam: UInt16 = 0x0644, kaf: UInt16 = 0x0643
    static let alef: UInt16 = 0x0627

    /// The shortest stem a split may leave, in letters.
    static let minimumStem = 2

    /// Splits of `word` (normalised UTF-16), most likely first. Calls `body` for each.
    @inline(__always)
    public static func forEachSplit(of word: UnsafeBufferPointer<UInt16>, _ body: (Split) -> Void) {
        let n = word.count
        guard n > minimumStem else { return }
        let first = word[0]
        guard first == waw || first == fa || first == ba || first == lam || first == kaf else { return }
        var conjunction = 0
        if first == waw || first == fa {
            conjunction = 1
            if n - 1 >= minimumStem { body(Split(length: 1, restoresAlef: false)) }
        }
        guard conjunction < n else { return }
        let p = word[conjunction]
        guard p == ba || p == lam || p == kaf else { return }
        let stem = conjunction + 1
        if n - stem >= minimumStem { body(Split(length: stem, restoresAlef: false)) }
        // لل: the second lam is the article's; restore its alef.
        if p == lam, stem < n, word[stem] == lam, n - stem >= minimumStem {
            body(Split(length: stem, restoresAlef: true))
        }
    }

    /// Calls `body` with what is left of `word` after `split`'s proclitics, the article's alef
    /// put back where the split says so. Without that alef the stem is the word's own units;
    /// with it, a copy on the stack: no array is made either way.
    @inline(__always)
    static func withStem<R>(of word: UnsafeBufferPointer<UInt16>, _ split: Split,
                            _ body: (UnsafeBufferPointer<UInt16>) -> R) -> R {
        let stem = UnsafeBufferPointer(rebasing: word[split.length...])
        guard split.restoresAlef else { return body(stem) }
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: stem.count + 1) { buffer in
            buffer[0] = alef
            _ = UnsafeMutableBufferPointer(rebasing: buffer[1...]).initialize(from: stem)
            return body(UnsafeBufferPointer(buffer))
        }
    }

    /// The splits as a list (for tests and `explain`).
    public static func splits(of word: String) -> [Split] {
        var result: [Split] = []
        Array(word.utf16).withUnsafeBufferPointer { forEachSplit(of: $0) { result.append($0) } }
        return result
    }
}
