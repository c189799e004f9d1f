/// The compiled gazetteers: a trie over interned normalised tokens, immutable and shared by every worker.
///
/// A walk from the root follows one token per step, so matching time depends on the text and the
/// longest entry, not on how many entries there are.
public struct Gazetteer: Sendable {
    let entries: EntryTable
    /// The trie's edges keyed by their words: what the matcher walks.
    let edges: EdgeTable
    /// Entries ending at node `n`: `terminalEntries[terminalOffsets[n] ..< terminalOffsets[n + 1]]`.
    let terminalOffsets: [Int32]
    let terminalEntries: [Int32]
    /// The tokens that begin an entry (the root's children), each with its node: every token of a
    /// text is looked up here first, and only a token that continues a walk in `edges`. With a
    /// million entries `edges` is far larger than the CPU's caches, while the first tokens are a
    /// few thousand, so most tokens no longer cost a cache miss or two.
    let starts: TokenLexicon
    /// Per token of `starts`, its step from the root (`TransitionTable.step`: node and whether it ends an entry).
    let startSteps: [Int32]

    public static let root: Int32 = 0

    /// A built gazetteer: `edges` and `starts` are made from the lexicon and the trie, which it
    /// does not keep (with a million entries they held 56 MB through a run without the cache).
    init(entries: EntryTable, lexicon: TokenLexicon, transitions: TransitionTable,
         terminalOffsets: [Int32], terminalEntries: [Int32]) {
        var starts = TokenLexicon(), startSteps: [Int32] = []
        transitions.forEachStep(of: Self.root) { token, step in
            _ = lexicon.withUnits(of: token) { starts.intern($0) }
            startSteps.append(step)
        }
        self.init(entries: entries, edges: EdgeTable(transitions, lexicon),
                  starts: starts, startSteps: startSteps, terminalOffsets: terminalOffsets, terminalEntries: terminalEntries)
    }

    init(entries: EntryTable, edges: EdgeTable,
         starts: TokenLexicon, startSteps: [Int32], terminalOffsets: [Int32], terminalEntries: [Int32]) {
        (self.entries, self.edges) = (entries, edges)
        (self.starts, self.startSteps) = (starts, startSteps)
        (self.terminalOffsets, self.terminalEntries) = (terminalOffsets, terminalEntries)
    }

    /// The step from the root along `units` (as `TransitionTable.step` gives it), or -1.
    @inline(__always)
    func startStep(of units: UnsafeBufferPointer<UInt16>) -> Int32 {
        let s = starts.id(of: units)
        return s < 0 ? -1 : startSteps[Int(s)]
    }

    public var nodeCount: Int { terminalOffsets.count - 1 }

    /// The indices (for `entry(at:)`) of the entries that end at `node`; none for a number that is
    /// no node (the matcher never reports one; this guards the public API's other callers).
    public func entryIndices(at node: Int32) -> ArraySlice<Int32> {
        guard node >= 0, Int(node) < nodeCount else { return [] }
        return terminalEntries[Int(terminalOffsets[Int(node)])..<Int(terminalOffsets[Int(node) + 1])]
    }

    public var entryCount: Int { entries.count }

    /// Entry `index` (`0 ..< entryCount`), in the order the files were read.
    public func entry(at index: Int) -> GazetteerEntry { entries.entry(at: index) }

    /// The set of types the gazetteer holds.
    public var types: Set<String> { Set(entries.typeNames) }
}

/// Compiles entries into a `Gazetteer`, tokenising every spelling as text is tokenised.
public final class GazetteerBuilder {
    private let normalizer: MatchingNormalizer
    private let tokenizer: Tokenizer
    private var entries = EntryTable()
    private var lexicon = TokenLexicon()
    private var transitions = TransitionTable()
    private var nodeEntries: [[Int32]] = [[]]
    public private(set) var errors: [DataFileError] = []

    public init() throws {
        normalizer = try MatchingNormalizer()
        tokenizer = try Tokenizer()
    }

    /// The normalised tokens of a spelling, as the matcher will see them in text.
    public func tokens(of form: String) throws -> [String] {
        let tokenized = try tokenizer.tokenize(normalizer.normalize(form))
        return tokenized.tokens.indices.map { tokenized.normalized($0) }
    }

    public func add(_ entry: GazetteerEntry) throws {
        let index = Int32(entries.count)
        entries.append(entry)
        for form in entry.forms {
            let view = normalizer.normalize(form)
            let ranges = try Self.wordRanges(view) ?? tokenizer.tokenize(view).tokens.map { Int($0.normStart)..<Int($0.normEnd) }
            guard !ranges.isEmpty else {
                errors.append(DataFileError(file: entry.source, "'\(form)' has no token to match"))
                continue
            }
            var node = Gazetteer.root
            for range in ranges {
                let id = view.units.withUnsafeBufferPointer { lexicon.intern(UnsafeBufferPointer(rebasing: $0[range])) }
                var next = transitions.child(node, id)
                if next < 0 {
                    next = Int32(nodeEntries.count)
                    nodeEntries.append([])
                    transitions.insert(node, id, child: next)
                }
                node = next
            }
            if nodeEntries[Int(node)].last != index { nodeEntries[Int(node)].append(index) }
        }
    }

    /// Token ranges of a normalised entry made only of Arabic letters and spaces, which ICU would cut
    /// at the spaces alone (and `Tokenizer` after `عبد` in `عبدال…`); nil for anything else, which goes
    /// through ICU. Loading a million entries spends most of its time here otherwise.
    static func wordRanges(_ view: MatchingText) -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        var start = -1
        let u = view.units
        for k in 0...u.count {
            let c: UInt16 = k < u.count ? u[k] : 0x20
            if c == 0x20 {
                if start >= 0 {
                    if k - start > 5, u[start] == 0x0639, u[start + 1] == 0x0628, u[start + 2] == 0x062F,
                       u[start + 3] == 0x0627, u[start + 4] == 0x0644 {
                        ranges.append(start..<(start + 3))
                        ranges.append((start + 3)..<k)
                    } else {
                        ranges.append(start..<k)
                    }
                    start = -1
                }
            } else if c >= 0x0621 && c <= 0x064A {
                if start < 0 { start = k }
            } else {
                return nil
            }
        }
        return ranges
    }

    public func build() -> Gazetteer { buildWithTrie().gazetteer }

    /// The gazetteer, with the lexicon and the trie by lexicon id it was made from (which tests
    /// compare the matcher with; a gazetteer does not keep them).
    func buildWithTrie() -> (gazetteer: Gazetteer, lexicon: TokenLexicon, transitions: TransitionTable) {
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(nodeEntries.count + 1)
        var flat: [Int32] = []
        for list in nodeEntries {
            flat.append(contentsOf: list)
            offsets.append(Int32(flat.count))
        }
        transitions.markEnds { !nodeEntries[Int($0)].isEmpty }
        return (Gazetteer(entries: entries, lexicon: lexicon, transitions: transitions, terminalOffsets: offsets, terminalEntries: flat),
                lexicon, transitions)
    }
}
