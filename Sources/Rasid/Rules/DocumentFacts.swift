/// What rules can test about each token of one document: normalised form, proclitic splits, kind,
/// and the annotations that start at or cover it. Words, lists and types are integers and bit
/// masks here (see `RuleVocabulary`), so a test costs no string hashing.
final class DocumentFacts {
    let text: TokenizedText
    let tokens: [Token]
    private let vocabulary: RuleVocabulary
    private let tests: TestTable
    /// Per token: its id in the rules' lexicon (-1 when no rule names it) and the lists holding it.
    let wordIDs: [Int32]
    let listMasks: [UInt64]
    /// Per token: its proclitic splits, `stems[stemOffsets[i] ..< stemOffsets[i + 1]]`.
    private let stems: [Stem]
    private let stemOffsets: [Int32]
    /// Per token: the lists holding any of its stems.
    let stemListMasks: [UInt64]
    /// Per token: bit `id % 64` of its word id and of each of its stems' (see `wordBit`): a
    /// token without a word's bit is not that word, nor after a proclitic.
    let wordBits: [UInt64]
    /// Per token: `TokenLexicon.hash` of its normalised form, which `LocalWords` hashes too.
    private let wordHashes: [UInt32]
    /// Whether the rule-only facts above were worked out (empty otherwise; see `init`).
    let forRules: Bool
    /// The types whose annotations `showEntities` last named entities by index.
    private var namedEntityTypes: UInt64 = 0
    // The annotation state below changes between phases, and rules read it millions of times a
    // document. A document's facts belong to one worker thread, so Swift's dynamic exclusivity
    // checks (a thread-local access set per read, a tenth of the run time) are turned off for it.
    /// Every annotation added, removed ones included; those starting at token `i` are a list
    /// through `Annotation.next` from `firstAnnotation[i]` (-1: none), in the order added. One
    /// array of plain values instead of an array per token: making, growing and destroying those
    /// arrays cost more than the rules' reading of them.
    @exclusivity(unchecked) private(set) var annotations: [Annotation] = []
    @exclusivity(unchecked) private(set) var firstAnnotation: [Int32]
    @exclusivity(unchecked) private var lastAnnotation: [Int32]
    /// The entities shown as annotations (`showEntities`), whose features those annotations name.
    @exclusivity(unchecked) private var entities: [EntityCandidate] = []
    /// The features of other annotations that are no gazetteer hits (`Annotation.Features.documentSet`).
    @exclusivity(unchecked) private var featureSets: [[String: String]] = []
    /// Where the features of gazetteer hits are read (`Annotation.Features.entry`).
    private let entries: GazetteerEntryCache
    /// Per token: a bit for each annotation type covering it, and starting at it.
    @exclusivity(unchecked) private(set) var coverMasks: [UInt64]
    @exclusivity(unchecked) private(set) var startMasks: [UInt64]
    /// The token is a gazetteer word as a whole (so a leading و or ف is part of it).
    @exclusivity(unchecked) private(set) var knownWhole: [Bool]
    /// Per token: the answers to the rules' spelling tests (`TestTable.shapeTests`), bit `k` for
    /// the k-th, with `shapeKnown` set once worked out. Worked out at a token's first spelling
    /// test: most tokens are never tested.
    @exclusivity(unchecked) private var shapes: [UInt64]
    /// Per annotation type bit, the most tokens an annotation of the type added so far spans
    /// (removed ones included): how far an annotation step can reach (`RequiredReach`).
    @exclusivity(unchecked) private var longestAnnotations: [Int]
    private static let shapeKnown: UInt64 = 1 << 63

    private struct Stem {
        var id: Int32
        var mask: UInt64
        var start: Int
        var definite: Bool
    }

    private let original: String
    /// The original text as UTF-8, copied only when the string's own is not contiguous (a native
    /// string's is), and where each code point starts in it (one past the end included): slicing
    /// copies bytes instead of appending scalars one by one. The offsets are made only once slices
    /// went back before the previous one more than a few times (`rereadLimit`).
    private lazy var utf8: [UInt8] = Array(original.utf8)
    private lazy var utf8Offsets: [Int32] = withUTF8 { Self.codePointOffsets($0) }
    /// Normalised forms as strings, made on first use (explanations, rule actions).
    private(set) lazy var normalized: [String] = tokens.indices.map { text.normalized($0) }

    /// Every token's normalised form as an id of this document's own words: equal ids, equal words.
    /// For comparing tokens with each other (people's names) without making strings.
    var localLexicon: LocalWords { local }
    var localIDs: [Int32] { local.ids }

    /// The document's words, numbered in order of first appearance.
    ///
    /// A hash table sized once for every token of the document, whose entries point at a token
    /// spelling the word instead of copying its units into a pool (as `TokenLexicon` does, which
    /// cost an array append per new word and a uniqueness check per array per token).
    /// A reference, so that reading it (at every token when linking mentions) copies no arrays.
    final class LocalWords {
        /// Per token: the id of its normalised form.
        let ids: [Int32]
        /// Per id: the token where the word first appears, whose units spell it.
        private let spellings: [Int32]
        /// Open addressing: id + 1 (0 = empty) and the word's hash, at most half full.
        private let slots: [Int32]
        private let hashes: [UInt32]
        private let mask: Int
        private let tokens: [Token]
        private let units: [UInt16]

        /// - Parameter tokenHashes: each token's `TokenLexicon.hash`, when worked out already
        ///   (empty otherwise): `words(of:)` hashes each token for the rules' lexicon, and hashing
        ///   every token again here cost 2.7M instructions on c1 with rules (LocalWords 9.6M -> 6.9M).
        init(_ tokens: [Token], _ units: [UInt16], tokenHashes: [UInt32] = []) {
            var size = 16
            while size < tokens.count * 2 { size <<= 1 }
            let mask = size - 1
            var slots = [Int32](repeating: 0, count: size)
            var hashes = [UInt32](repeating: 0, count: size)
            var ids = [Int32](repeating: 0, count: tokens.count)
            var spellings = [Int32](repeating: 0, count: tokens.count)
            var count: Int32 = 0
            let hashed = tokenHashes.count == tokens.count
            units.withUnsafeBufferPointer { units in
                tokenHashes.withUnsafeBufferPointer { tokenHashes in
                tokens.withUnsafeBufferPointer { tokens in
                    slots.withUnsafeMutableBufferPointer { slots in
                        hashes.withUnsafeMutableBufferPointer { hashes in
                            ids.withUnsafeMutableBufferPointer { ids in
                                spellings.withUnsafeMutableBufferPointer { spellings in
                                    for i in tokens.indices {
                                        let word = Self.units(of: tokens[i], in: units)
                                        let h = hashed ? tokenHashes[i] : TokenLexicon.hash(word)
                                        var k = Int(h) & mask
                                        while slots[k] != 0 {
                                            let id = slots[k] - 1
                                            if hashes[k] == h && Self.same(Self.units(of: tokens[Int(spellings[Int(id)])], in: units), word) { break }
                                            k = (k + 1) & mask
                                        }
                                        if slots[k] == 0 {
                                            spellings[Int(count)] = Int32(i)
                                            count += 1
                                            slots[k] = count
                                            hashes[k] = h
                                        }
                                        ids[i] = slots[k] - 1
                                    }
                                }
                            }
                        }
                    }
                }
                }
            }
            spellings.removeSubrange(Int(count)...)
            (self.ids, self.spellings, self.slots, self.hashes, self.mask, self.tokens, self.units) = (ids, spellings, slots, hashes, mask, tokens, units)
        }

        /// How many distinct words the document has (ids are `0..<count`).
        var count: Int { spellings.count }

        /// The id of `word`, or -1 when no token of the document is that word.
        func id(of word: UnsafeBufferPointer<UInt16>) -> Int32 {
            let h = TokenLexicon.hash(word)
            var k = Int(h) & mask
            return units.withUnsafeBufferPointer { units in
                while slots[k] != 0 {
                    let id = slots[k] - 1
                    if hashes[k] == h && Self.same(Self.units(of: tokens[Int(spellings[Int(id)])], in: units), word) { return id }
                    k = (k + 1) & mask
                }
                return -1
            }
        }

        func id(of word: String) -> Int32 {
            Array(word.utf16).withUnsafeBufferPointer { id(of: $0) }
        }

        @inline(__always)
        private static func same(_ a: UnsafeBufferPointer<UInt16>, _ b: UnsafeBufferPointer<UInt16>) -> Bool {
            guard a.count == b.count else { return false }
            for k in 0..<a.count where a[k] != b[k] { return false }
            return true
        }

        @inline(__always)
        private static func units(of t: Token, in units: UnsafeBufferPointer<UInt16>) -> UnsafeBufferPointer<UInt16> {
            UnsafeBufferPointer(rebasing: units[Int(t.normStart)..<Int(t.normEnd)])
        }
    }
    private lazy var local = LocalWords(tokens, text.view.units, tokenHashes: wordHashes)

    /// The local ids of token `i`'s stems after proclitics (-1 where the stem is no token of the
    /// document), with the code point where each starts.
    func localStems(_ i: Int) -> [(id: Int32, start: Int)] {
        var result: [(id: Int32, start: Int)] = []
        let t = tokens[i]
        text.withUnits(of: i) { word in
            CliticAnalyzer.forEachSplit(of: word) { split in
                let id = CliticAnalyzer.withStem(of: word, split) { local.id(of: $0) }
                if id >= 0 { result.append((id, Int(text.view.originStart[Int(t.normStart) + split.length]))) }
            }
        }
        return result
    }

    /// `ال` + a noun of two letters or more, not the particles that also start so once normalised
    /// (إلى → الي, الذي, التي).
    func isDefiniteNoun(_ i: Int) -> Bool {
        tokens[i].kind == .word && text.withUnits(of: i) { u in
            u.count >= 4 && u[0] == 0x0627 && u[1] == 0x0644 && !Self.definiteParticles.contains(Array(u))
        }
    }
    private static let definiteParticles: Set<[UInt16]> = Set(["الذي", "التي", "الذين", "اللذين", "الان", "اليوم"].map { Array($0.utf16) })

    /// - Parameters:
    ///   - entries: where the features of gazetteer hits are read.
    ///   - forRules: whether rules will test the tokens. Without rules, the per-token facts only
    ///     rules read (stems, word ids, lists) are not worked out: they were most of the cost of
    ///     a document's facts (25M of the 302M of a gazetteer-only run of c1).
    init(_ text: TokenizedText, original: String, vocabulary: RuleVocabulary, tests: TestTable,
         entries: GazetteerEntryCache, forRules: Bool = true) {
        self.text = text
        self.original = original
        self.vocabulary = vocabulary
        self.tests = tests
        self.entries = entries
        self.forRules = forRules
        tokens = text.tokens
        if forRules {
            (wordIDs, listMasks, stems, stemOffsets, stemListMasks, wordBits, wordHashes) = Self.words(of: text, vocabulary)
        } else {
            (stems, stemOffsets, stemListMasks, wordIDs, listMasks, wordBits, wordHashes) = ([], [], [], [], [], [], [])
        }
        firstAnnotation = Array(repeating: -1, count: text.tokens.count)
        // Room for the usual number (a third of the tokens for gazetteer hits, fewer entities):
        // growing from empty copied them over and over.
        annotations.reserveCapacity(text.tokens.count / 2)
        lastAnnotation = firstAnnotation
        coverMasks = Array(repeating: 0, count: text.tokens.count)
        // Read by rules only (the mention linker reads the annotations and `coverMasks`): empty
        // without rules, and not written by `add`.
        let forRulesCount = forRules ? text.tokens.count : 0
        startMasks = Array(repeating: 0, count: forRulesCount)
        knownWhole = Array(repeating: false, count: forRulesCount)
        shapes = Array(repeating: 0, count: forRulesCount)
        longestAnnotations = Array(repeating: 0, count: forRules ? 64 : 0)
    }

    /// The bit of a rules' word id in `wordBits` (none for -1, no word rules name): most tokens
    /// have no bit at all.
    @inline(__always)
    static func wordBit(_ id: Int32) -> UInt64 { id >= 0 ? 1 << UInt64(id & 63) : 0 }

    /// Token `i`'s bits of `TestTable.shapeTests`.
    @inline(__always)
    func shape(_ i: Int) -> UInt64 {
        let known = shapes[i]
        if known != 0 { return known }
        let s = workOutShape(i)
        shapes[i] = s
        return s
    }

    private func workOutShape(_ i: Int) -> UInt64 { workOutShape(i, whole: knownWhole[i]) }

    /// - Parameter whole: `knownWhole[i]`, given by `AnnotationBatch`, which holds that array's buffer.
    private func workOutShape(_ i: Int, whole: Bool) -> UInt64 {
        let kind = tokens[i].kind
        // The fixed bits of `TestTable.shapeTests`: kinds, `definite`, `conj`.
        var bits = Self.shapeKnown | (kind == .word ? 1 : kind == .number ? 2 : kind == .other ? 4 : 0)
        let t = tokens[i]
        text.view.units.withUnsafeBufferPointer { all in
            let u = UnsafeBufferPointer(rebasing: all[Int(t.normStart)..<Int(t.normEnd)])
            if Self.isDefinite(u) { bits |= 8 }
            if !whole && u.count > 3 && (u[0] == 0x0648 || u[0] == 0x0641) { bits |= 16 }
            if u.count > 1 && u[0] >> 8 == 0x06 { bits |= tests.oneLetterPrefixes[Int(u[0] & 0xFF)] }
            tests.shapeAffixUnits.withUnsafeBufferPointer { units in
                for affix in tests.shapeAffixes where u.count > Int(affix.count) {
                    // `starts(with:)` and `reversed().starts(with:)` made by hand: the generic ones
                    // cost more than the rest of the shape.
                    let offset = affix.suffix ? u.count - Int(affix.count) : 0
                    var k = 0
                    while k < Int(affix.count) && u[offset + k] == units[Int(affix.first) + k] { k += 1 }
                    if k == Int(affix.count) { bits |= affix.bit }
                }
            }
        }
        return bits
    }

    /// The most tokens an annotation of type bit `bit` added to the document spans (0: none added).
    func longestAnnotation(bit: Int) -> Int { longestAnnotations[bit] }

    func typeBit(_ type: String) -> UInt64 {
        vocabulary.typeBits[type].map { 1 << UInt64($0) } ?? 0
    }

    /// Adds an annotation (its `next` is set here). Annotations outside the tokens are left out.
    /// Through a batch of one (`AnnotationBatch.add` is the one definition): production adds
    /// annotations in batches only.
    func add(_ annotation: Annotation, cliticFree: Bool) {
        withAnnotationBatch(count: 1) { $0.add(annotation, cliticFree: cliticFree) }
    }

    /// Annotations added one after another, with the per-token arrays written through buffers
    /// opened once for all: element by element, each write checked an array's uniqueness (six or
    /// more an annotation; adding cost ~190 instructions an annotation). On c1 with rules,
    /// showEntities 13.4M -> 9.8M instructions and the gazetteer hits' 14.9M -> 11.8M.
    struct AnnotationBatch {
        fileprivate let facts: DocumentFacts
        fileprivate let tokens: UnsafeBufferPointer<Token>
        fileprivate let cover: UnsafeMutableBufferPointer<UInt64>
        fileprivate let firsts: UnsafeMutableBufferPointer<Int32>
        fileprivate let lasts: UnsafeMutableBufferPointer<Int32>
        // Empty without rules.
        fileprivate let starts: UnsafeMutableBufferPointer<UInt64>
        fileprivate let whole: UnsafeMutableBufferPointer<Bool>
        fileprivate let shapes: UnsafeMutableBufferPointer<UInt64>
        fileprivate let longest: UnsafeMutableBufferPointer<Int>

        /// Adds an annotation (its `next` is set here). Annotations outside the tokens (a first
        /// token below 0, an end past the last, or none between) are left out: the buffers'
        /// writes below are unchecked, and `first` indexes four of them.
        @inline(__always)
        func add(_ annotation: Annotation, cliticFree: Bool) {
            var a = annotation
            let first = Int(a.firstToken), end = Int(a.endToken)
            guard 0 <= first, first < end, end <= tokens.count else { return }
            let bit = a.typeBit
            // `removeAll(typeMask:)` clears the removed bits from the masks instead of rebuilding
            // them, which is right only while each annotation sets one bit (or none).
            precondition(bit & (bit &- 1) == 0, "an annotation type has one bit")
            for k in first..<end { cover[k] |= bit }
            // What only rules read (with gazetteers only, c1 with the bundled gazetteers 182.2M -> 178.1M).
            if facts.forRules {
                starts[first] |= bit
                if bit != 0 {
                    let b = bit.trailingZeroBitCount
                    longest[b] = max(longest[b], end - first)
                }
                if cliticFree && a.start == tokens[first].start {
                    whole[first] = true
                    // `conj` is no longer true of it (a shape not worked out yet reads `knownWhole`).
                    if shapes[first] != 0 { shapes[first] = facts.workOutShape(first, whole: true) }
                }
            }
            a.next = -1
            let k = Int32(facts.annotations.count)
            facts.annotations.append(a)
            if lasts[first] < 0 { firsts[first] = k } else { facts.annotations[Int(lasts[first])].next = k }
            lasts[first] = k
        }
    }

    /// Calls `body` with a batch to add annotations through. `body` must not add or remove
    /// annotations otherwise, nor read the facts' per-token arrays (the batch holds them).
    /// - Parameter count: about how many annotations `body` adds (room is made for them).
    func withAnnotationBatch<R>(count: Int, _ body: (AnnotationBatch) -> R) -> R {
        // Room made only when short, and then at least doubled: reserving exactly `count` more at
        // each call would copy every annotation at each small batch (`add` is a batch of one).
        let needed = annotations.count + count
        if annotations.capacity < needed { annotations.reserveCapacity(max(needed, 2 * annotations.capacity)) }
        return tokens.withUnsafeBufferPointer { tokens in
        coverMasks.withUnsafeMutableBufferPointer { cover in
        firstAnnotation.withUnsafeMutableBufferPointer { firsts in
        lastAnnotation.withUnsafeMutableBufferPointer { lasts in
        startMasks.withUnsafeMutableBufferPointer { starts in
        knownWhole.withUnsafeMutableBufferPointer { whole in
        shapes.withUnsafeMutableBufferPointer { shapes in
        longestAnnotations.withUnsafeMutableBufferPointer { longest in
            body(AnnotationBatch(facts: self, tokens: tokens, cover: cover, firsts: firsts, lasts: lasts,
                                 starts: starts, whole: whole, shapes: shapes, longest: longest))
        }
        }
        }
        }
        }
        }
        }
        }
    }

    /// An annotation of `type` with features of the document's own (none when empty).
    func add(type: String, tokens range: Range<Int>, start: Int, end: Int, features: [String: String], cliticFree: Bool = false) {
        add(Annotation(typeBit: typeBit(type), firstToken: Int32(range.lowerBound), endToken: Int32(range.upperBound),
                       start: Int32(start), end: Int32(end), features: documentFeatures(features)), cliticFree: cliticFree)
    }

    /// `features` kept with the document for its annotations to name.
    func documentFeatures(_ features: [String: String]) -> Annotation.Features {
        guard !features.isEmpty else { return .none }
        featureSets.append(features)
        return .documentSet(featureSets.count - 1)
    }

    /// Shows `entities` to the next phase as annotations, in place of every annotation of the
    /// types in `replaced` (the previous phase's entities; at first, the gazetteer's hits of
    /// entity types).
    /// - Parameter typeBit: each entity type's bit.
    func showEntities(_ entities: [EntityCandidate], replacing replaced: UInt64, typeBit: (String) -> UInt64) {
        // The annotations that name an entity of the previous call by index must all go with it.
        precondition(replaced & namedEntityTypes == namedEntityTypes, "showEntities replaces every type it named before")
        namedEntityTypes = replaced
        removeAll(typeMask: replaced)
        self.entities = entities
        withAnnotationBatch(count: entities.count) { batch in
            for k in entities.indices {
                let bit = typeBit(entities[k].type)
                // Annotations name their entity by index, so they must go when the entities are
                // replaced: those of a type that stays keep a copy of the features instead. Naming
                // saved copying each entity's features into the document's sets (230 instructions).
                let features: Annotation.Features = entities[k].features.isEmpty ? .none
                    : bit & replaced != 0 ? .entity(k) : documentFeatures(entities[k].features)
                batch.add(Annotation(typeBit: bit, firstToken: Int32(entities[k].firstToken), endToken: Int32(entities[k].endToken),
                                     start: Int32(entities[k].start), end: Int32(entities[k].end), features: features), cliticFree: false)
            }
        }
    }

    /// The value of feature `name` of annotation `a`.
    func feature(_ name: String, of a: Annotation) -> String? {
        if let index = a.features.entry { return entries.feature(name, of: index) }
        if let k = a.features.entity { return entities[k].features[name] }
        if let k = a.features.documentSet { return featureSets[k][name] }
        return nil
    }

    /// Whether annotation `a`, of the filter's type, passes its feature test.
    func accepts(_ filter: AnnotationFilter, _ a: Annotation) -> Bool {
        guard let name = filter.feature else { return true }
        return (feature(name, of: a) == filter.value) != filter.negated
    }

    /// The annotations starting at token `i`, in the order added.
    func annotations(startingAt i: Int) -> [Annotation] {
        var result: [Annotation] = []
        var k = firstAnnotation[i]
        while k >= 0 { result.append(annotations[Int(k)]); k = annotations[Int(k)].next }
        return result
    }

    /// Removes every annotation whose type bit is in `removed` (entities are re-committed after
    /// each phase). Their slots in `annotations` stay, unlinked. Only for facts made for rules
    /// (their `startMasks`, read unchecked at every token, are empty otherwise).
    func removeAll(typeMask removed: UInt64) {
        precondition(forRules, "annotations are removed only between rule phases")
        // Through buffers (3.6M -> 2.3M instructions on c1 with rules): element by element, each
        // read and write of a token's lists checked bounds and uniqueness.
        startMasks.withUnsafeBufferPointer { starts in
        firstAnnotation.withUnsafeMutableBufferPointer { firsts in
        lastAnnotation.withUnsafeMutableBufferPointer { lasts in
        annotations.withUnsafeMutableBufferPointer { annotations in
            for i in firsts.indices where starts[i] & removed != 0 {
                var previous: Int32 = -1, k = firsts[i]
                while k >= 0 {
                    let next = annotations[Int(k)].next
                    if annotations[Int(k)].typeBit & removed == 0 {
                        previous = k
                    } else if previous < 0 {
                        firsts[i] = next
                    } else {
                        annotations[Int(previous)].next = next
                    }
                    k = next
                }
                lasts[i] = previous
            }
        }
        }
        }
        }
        // Every annotation has one type bit (see `add`), so the removed ones took exactly the
        // removed bits with them, and the ones left still set all the others: the masks need no
        // rebuilding from every annotation (gazetteer hits never change between phases).
        // Through buffers: element by element, each write checked the array's uniqueness.
        let kept = ~removed
        coverMasks.withUnsafeMutableBufferPointer { masks in for k in masks.indices { masks[k] &= kept } }
        startMasks.withUnsafeMutableBufferPointer { masks in for k in masks.indices { masks[k] &= kept } }
    }

    /// The original text between two code-point offsets.
    func slice(_ start: Int, _ end: Int) -> String {
        // The bytes of a String cut at code-point boundaries are valid UTF-8: no repairing decode
        // (it cost ~540 instructions an entity).
        withUTF8 { bytes in
            UTF8Validation.string(validated: UnsafeBufferPointer(rebasing: bytes[utf8Range(start, end, in: bytes)]))
        }
    }

    /// The bytes of the original text's UTF-8 between two code-point offsets: where `slice`
    /// cuts, for an entity's text written straight from its document's bytes (no String made).
    func utf8Range(_ start: Int, _ end: Int) -> Range<Int> {
        withUTF8 { utf8Range(start, end, in: $0) }
    }

    private func utf8Range(_ start: Int, _ end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        if start < slicePoint && !usesOffsets {
            // Gone back: read on again from the text's start, up to `rereadLimit` times.
            rereads += 1
            if rereads > Self.rereadLimit { usesOffsets = true } else { (slicePoint, sliceByte) = (0, 0) }
        }
        if usesOffsets {
            // The offsets taken once for both ends (a retain and release of the array each).
            let offsets = utf8Offsets
            return Int(offsets[start])..<Int(offsets[end])
        }
        let from = byteOffset(of: start, in: bytes)
        return from..<byteOffset(of: end, in: bytes)
    }

    /// The eight bytes at `offset` as a number whose low byte is the first, on any byte order.
    @inline(__always)
    private static func word(_ raw: UnsafeRawPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Bit 7 of each byte of `word` that is a continuation byte (10xxxxxx: bit 7 set, and bit 6,
    /// shifted to bit 7, clear). No bit crosses from one byte to another in the result.
    @inline(__always)
    private static func continuationBits(_ word: UInt64) -> UInt64 {
        word & ~(word << 1) & 0x8080_8080_8080_8080
    }

    /// Where each code point starts in `bytes` (valid UTF-8), and one past the end.
    ///
    /// A code point starts at every byte that is no continuation byte. Eight bytes are read at a
    /// time and their starts taken bit by bit: a test and branch per byte cost about 8
    /// instructions a byte, this about 6 (7.9M -> 6.2M, measured on c1 with rules when nearly
    /// every document made its offsets; since `rereadLimit`, none there does).
    /// Written in place: appending cost a capacity and uniqueness check per code point.
    static func codePointOffsets(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int32] {
        // Offsets are Int32: once here, instead of a trapping conversion per code point.
        precondition(bytes.count < Int(Int32.max), "a document of less than 2 GB")
        return [Int32](unsafeUninitializedCapacity: bytes.count + 1) { offsets, count in
            let total = bytes.count
            var n = 0, k = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while k &+ 8 <= total {
                    // Bit 7 of each byte that starts a code point; the first byte is the low one.
                    var starts = continuationBits(word(raw, at: k)) ^ 0x8080_8080_8080_8080
                    while starts != 0 {
                        offsets[n] = Int32(truncatingIfNeeded: k &+ starts.trailingZeroBitCount >> 3)
                        n &+= 1
                        starts &= starts &- 1
                    }
                    k &+= 8
                }
            }
            while k < total {
                if bytes[k] & 0xC0 != 0x80 {
                    offsets[n] = Int32(truncatingIfNeeded: k)
                    n &+= 1
                }
                k &+= 1
            }
            offsets[n] = Int32(truncatingIfNeeded: total)
            count = n &+ 1
        }
    }

    private func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = original.utf8.withContiguousStorageIfAvailable(body) { return result }
        return utf8.withUnsafeBufferPointer(body)
    }

    /// Code points before byte `sliceByte` (`sliceByte` itself need not start one): slices are
    /// mostly asked for in order (entities, tokens), so each is found by reading on from the last.
    @exclusivity(unchecked) private var slicePoint = 0, sliceByte = 0
    /// Whether `utf8Offsets` answers slices (from the first slice that goes back once more than
    /// `rereadLimit` times), and how many slices went back and read on again from the start.
    @exclusivity(unchecked) private var usesOffsets = false
    @exclusivity(unchecked) private var rereads = 0
    /// How often a document's slices go back and read on again from its start before every code
    /// point's offset is made. Reading on passes 32 bytes at a time without storing anything,
    /// where making the offsets costs about 6 instructions a byte and an array: a few reads on
    /// are cheaper, and the limit bounds what a document whose slices keep going back costs.
    /// On c1 with rules, no document reaches it.
    private static let rereadLimit = 8

    /// The byte where code point `point` starts (the end for one past the last). Read on from the
    /// previous one, 32 and then 8 bytes at a time. Before, every slice used `utf8Offsets`, every
    /// code point's offset, which cost 7.8M instructions on c1 with the bundled gazetteers only
    /// (about 8 a byte, as they were made then; c1 gazetteers only, bundled gazetteers: 194.3M ->
    /// 187.8M, with the string's bytes no longer copied).
    ///
    /// With rules, rules' values are sliced as rules match and the entities after, so nearly
    /// every document goes back at least once: going over to the offsets at the first time cost
    /// 1.7M more on c1 than making them at once; reading on again from the start a few times costs
    /// less than either (see `rereadLimit`; c1 with rules 591.8M -> 589.6M, where no document
    /// made its offsets).
    private func byteOffset(of point: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        // `start` is read on to first, and `end` is not before it.
        assert(point >= slicePoint)
        var counted = slicePoint, k = sliceByte
        let n = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            // A word of 8 bytes is passed over while the point does not start in it. Its
            // continuation bytes are counted by a multiply that sums the bytes' bits into the top
            // byte: `nonzeroBitCount` is a call without POPCNT in the target (19 instructions a word).
            // Four words at a time first (a byte of the sum holds at most 4), then one.
            @inline(__always) func continuations(_ at: Int) -> UInt64 { Self.continuationBits(Self.word(raw, at: at)) >> 7 }
            while k &+ 32 <= n {
                let sum = continuations(k) &+ continuations(k &+ 8) &+ continuations(k &+ 16) &+ continuations(k &+ 24)
                let starts = 32 &- Int(truncatingIfNeeded: (sum &* 0x0101_0101_0101_0101) >> 56)
                if counted &+ starts > point { break }
                counted &+= starts
                k &+= 32
            }
            while k &+ 8 <= n {
                let starts = 8 &- Int(truncatingIfNeeded: (continuations(k) &* 0x0101_0101_0101_0101) >> 56)
                if counted &+ starts > point { break }
                counted &+= starts
                k &+= 8
            }
        }
        while k < n {
            if bytes[k] & 0xC0 != 0x80 {
                if counted == point { break }
                counted &+= 1
            }
            k &+= 1
        }
        (slicePoint, sliceByte) = (counted, k)
        return k
    }

    /// nil when token `i` fails test `root` (a node of the engine's `TestTable`); -1 when it passes
    /// as written; a code point when it passes after leaving out a proclitic that ends there.
    func passes(_ k: Int32, at i: Int) -> Int? {
        let n = tests.nodes[Int(k)]
        switch n.op {
        case .any: return -1
        case .never: return nil
        case .shape: return shape(i) & n.bits != 0 ? -1 : nil
        case .anyOf:
            let yes = listMasks[i] & n.bits != 0 || coverMasks[i] & n.anyCover != 0 || (n.value >= 0 && wordIDs[i] == n.value)
                || (n.requireAnyShape != 0 && shape(i) & n.requireAnyShape != 0)
            return yes ? -1 : nil
        case .word:
            if wordIDs[i] == n.value { return -1 }
            return n.clitics ? stemsOf(i).first { $0.id == n.value }?.start : nil
        case .list:
            if listMasks[i] & n.bits != 0 { return -1 }
            return n.clitics ? stemsOf(i).first { $0.mask & n.bits != 0 }?.start : nil
        case .kind:
            let kind = tokens[i].kind
            let ok = n.value == 0 ? kind == .word : n.value == 1 ? kind == .number : kind == .other
            return ok ? -1 : nil
        case .covered:
            guard coverMasks[i] & n.bits != 0 else { return nil }
            guard n.value >= 0 else { return -1 }
            let filter = tests.filters[Int(n.value)]
            for j in stride(from: i, through: max(0, i - 12), by: -1) where startMasks[j] & n.bits != 0 {
                var k = firstAnnotation[j]
                while k >= 0 {
                    let a = annotations[Int(k)]
                    if a.endToken > i && a.typeBit == n.bits && accepts(filter, a) { return -1 }
                    k = a.next
                }
            }
            return nil
        case .prefix:
            let p = tests.affixes[Int(n.first)]
            return text.withUnits(of: i) { u in u.count > p.count && u.starts(with: p) } ? -1 : nil
        case .suffix:
            let p = tests.affixes[Int(n.first)]
            return text.withUnits(of: i) { u in u.count > p.count && u.reversed().starts(with: p.reversed()) } ? -1 : nil
        case .definite:
            if text.withUnits(of: i, Self.isDefinite) { return -1 }
            return n.clitics ? stemsOf(i).first { $0.definite }?.start : nil
        case .conjunction:
            guard !knownWhole[i] else { return nil }
            return text.withUnits(of: i) { u in u.count > 3 && (u[0] == 0x0648 || u[0] == 0x0641) } ? -1 : nil
        case .afterConjunction:
            guard tokens[i].kind == .word, text.withUnits(of: i, { $0.count >= 4 && $0[0] == 0x0648 }) else { return nil }
            return Int(text.view.originStart[Int(tokens[i].normStart) + 1])
        case .not:
            return passes(n.first, at: i) == nil ? -1 : nil
        case .and:
            guard listMasks[i] & n.forbidList == 0, (listMasks[i] | stemListMasks[i]) & n.forbidStemList == 0,
                  coverMasks[i] & n.forbidCover == 0 else { return nil }
            if n.requireShape | n.requireAnyShape | n.forbidShape != 0 {
                let s = shape(i)
                guard s & n.requireShape == n.requireShape, s & n.forbidShape == 0,
                      n.requireAnyShape == 0 || s & n.requireAnyShape != 0 else { return nil }
            }
            var start = -1
            for c in n.first..<(n.first + n.count) {
                guard let s = passes(tests.children[Int(c)], at: i) else { return nil }
                if s >= 0 { start = s }
            }
            return start
        case .or:
            for c in n.first..<(n.first + n.count) {
                if let s = passes(tests.children[Int(c)], at: i) { return s }
            }
            return nil
        }
    }

    /// `ال` and at least two more letters.
    private static func isDefinite(_ u: UnsafeBufferPointer<UInt16>) -> Bool {
        u.count > 3 && u[0] == 0x0627 && u[1] == 0x0644
    }

    /// Whether a proclitic split of token `i` is one of these words (rules' word ids).
    func hasStem(_ i: Int, in words: [Int32]) -> Bool {
        stemsOf(i).contains { words.contains($0.id) }
    }

    /// Calls `body` with the rules' word id of each proclitic split of token `i` (-1 where none).
    @inline(__always)
    func forEachStemID(of i: Int, _ body: (Int32) -> Void) {
        for k in Int(stemOffsets[i])..<Int(stemOffsets[i + 1]) { body(stems[k].id) }
    }

    @inline(__always)
    private func stemsOf(_ i: Int) -> ArraySlice<Stem> {
        stems[Int(stemOffsets[i])..<Int(stemOffsets[i + 1])]
    }

    /// Each token's word id and lists, and its proclitic splits (with the code point where each
    /// stem starts) and their lists, computed once for the document: the rules' clitic tests ask
    /// for them at nearly every word. One pass over the tokens: separate passes, each mapping
    /// the tokens or slicing their stems, cost 1.5M more.
    private static func words(of text: TokenizedText, _ vocabulary: RuleVocabulary)
        -> (ids: [Int32], lists: [UInt64], stems: [Stem], stemOffsets: [Int32], stemLists: [UInt64], wordBits: [UInt64], hashes: [UInt32]) {
        let n = text.tokens.count
        var ids = [Int32](repeating: -1, count: n), lists = [UInt64](repeating: 0, count: n), stemLists = lists, bits = lists
        var hashes = [UInt32](repeating: 0, count: n)
        var offsets = [Int32](repeating: 0, count: n + 1)
        var stems: [Stem] = []
        stems.reserveCapacity(n)
        // Written through buffers: element by element, each write checked its array's uniqueness
        // (three calls a token; 22.4M -> 15.9M on c1 with rules).
        ids.withUnsafeMutableBufferPointer { ids in
        lists.withUnsafeMutableBufferPointer { lists in
        stemLists.withUnsafeMutableBufferPointer { stemLists in
        bits.withUnsafeMutableBufferPointer { bits in
        offsets.withUnsafeMutableBufferPointer { offsets in
        hashes.withUnsafeMutableBufferPointer { hashes in
        vocabulary.masks.withUnsafeBufferPointer { masks in
        text.tokens.withUnsafeBufferPointer { tokens in
        text.view.units.withUnsafeBufferPointer { units in
        text.view.originStart.withUnsafeBufferPointer { origins in
            @inline(__always) func mask(_ id: Int32) -> UInt64 { RuleVocabulary.mask(of: id, in: masks) }
            for i in 0..<n {
                let t = tokens[i]
                let word = UnsafeBufferPointer(rebasing: units[Int(t.normStart)..<Int(t.normEnd)])
                let h = TokenLexicon.hash(word)
                hashes[i] = h
                let id = vocabulary.lexicon.id(of: word, hash: h)
                ids[i] = id
                let list = mask(id)
                lists[i] = list
                var stemList: UInt64 = 0, wordBits = wordBit(id)
                CliticAnalyzer.forEachSplit(of: word) { split in
                    let (id, definite) = CliticAnalyzer.withStem(of: word, split) { (vocabulary.lexicon.id(of: $0), isDefinite($0)) }
                    let mask = mask(id)
                    stemList |= mask
                    wordBits |= wordBit(id)
                    stems.append(Stem(id: id, mask: mask, start: Int(origins[Int(t.normStart) + split.length]), definite: definite))
                }
                stemLists[i] = stemList
                bits[i] = wordBits
                offsets[i + 1] = Int32(stems.count)
            }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        return (ids, lists, stems, offsets, stemLists, bits, hashes)
    }
}
