import Foundation

/// The extraction pipeline: loads the data once, then hands out one worker per thread.
///
/// Everything loaded is immutable and shared; each `PipelineWorker` owns the ICU objects and caches
/// that cannot be shared.
public final class Pipeline: Sendable {
    public let gazetteer: Gazetteer
    /// What loading did with the gazetteer cache; nil without one.
    public let gazetteerCacheOutcome: GazetteerCache.Outcome?
    public let rules: RuleSet
    let matcher: GazetteerMatcher
    let engine: RuleEngine
    let resolver = EntityResolver()

    /// Candidate priority by type, for one span that several gazetteer types claim (a party's name
    /// that is also a place's): the more specific reading wins. Rules rank above all of these.
    static let typePrecedence: [String: Int] = ["PARTY": 5, "ORG": 4, "PLACE": 3, "PERSON": 2, "TITLE": 1]

    /// Per gazetteer type (index into its type names): the type's bit in the rules' vocabulary and
    /// its candidate precedence (nil: not an entity type). Every hit needs both; looking its type
    /// string up in dictionaries cost more than the rest of making the annotation.
    let gazetteerTypeBits: [UInt64]
    let gazetteerTypePrecedence: [Int?]
    /// The output types with their bits, and all of them as one mask: commit re-annotates entities
    /// after every phase, and a few short-string comparisons are cheaper than hashing.
    let outputTypeBits: [(type: String, bit: UInt64)]
    let outputTypeMask: UInt64
    /// The last phase that runs rules, -1 for none: no rule reads the entities committed after it.
    let lastRulePhase: Int
    /// Whether any phase has rules (without, documents need none of the facts only rules read).
    var hasRules: Bool { lastRulePhase >= 0 }

    public init(_ configuration: Configuration = Configuration()) throws {
        if let directory = configuration.gazetteerCacheDirectory {
            (gazetteer, gazetteerCacheOutcome) = try GazetteerCache(directory: directory).load(roots: configuration.gazetteerRoots())
        } else {
            gazetteer = try GazetteerLoader.load(roots: configuration.gazetteerRoots())
            gazetteerCacheOutcome = nil
        }
        if let root = try configuration.rulesRoot() {
            rules = try RuleFileParser().load(folder: root.url, displayName: root.displayName)
        } else {
            rules = RuleSet()
        }
        matcher = GazetteerMatcher(gazetteer)
        engine = try RuleEngine(rules: rules, types: gazetteer.types.union(Entity.outputTypes))
        let typeBits = engine.vocabulary.typeBits
        func bit(_ type: String) -> UInt64 { typeBits[type].map { 1 << UInt64($0) } ?? 0 }
        gazetteerTypeBits = gazetteer.entries.typeNames.map(bit)
        gazetteerTypePrecedence = gazetteer.entries.typeNames.map { Self.typePrecedence[$0] }
        outputTypeBits = Entity.outputTypes.sorted().map { ($0, bit($0)) }
        outputTypeMask = outputTypeBits.reduce(0) { $0 | $1.bit }
        lastRulePhase = rules.phases.lastIndex { !$0.rules.isEmpty } ?? -1
    }

    public func makeWorker() throws -> PipelineWorker { try PipelineWorker(self) }
}

/// Runs the pipeline on documents, one at a time. Not thread-safe: make one per thread.
public final class PipelineWorker {
    public let pipeline: Pipeline
    let normalizer: MatchingNormalizer
    let tokenizer: Tokenizer
    let sentenceSplitter: SentenceSplitter
    let roles = RoleCache()
    let entries: GazetteerEntryCache
    let labels: CandidateLabelCache
    let linker = MentionLinker()
    /// Up to this many people in a document, `fullNames` compares each name with the others'
    /// endings in turn; more are indexed by suffix in a table. Tests set it to compare the two.
    var peopleSearchedUpTo = 32
    /// Up to this many party mentions (and relation candidates) in a document, the relation
    /// resolver searches their keys in turn; more are hashed into a table. Tests set it to
    /// compare the two.
    var relationsSearchedUpTo = RelationResolver.searchedUpTo

    init(_ pipeline: Pipeline) throws {
        self.pipeline = pipeline
        normalizer = try MatchingNormalizer()
        tokenizer = try Tokenizer()
        sentenceSplitter = try SentenceSplitter()
        entries = GazetteerEntryCache(pipeline.gazetteer)
        labels = CandidateLabelCache(entryCount: pipeline.gazetteer.entryCount)
    }

    /// The matching view and tokens of `text`.
    public func tokenize(_ text: String) throws -> TokenizedText {
        try tokenizer.tokenize(normalizer.normalize(text))
    }

    /// Gazetteer → rule phases (each committing entities under the overlap policy, with later
    /// mentions of people linked) → relations.
    public func extract(_ text: String) throws -> Extraction {
        var ignored: Explanation? = nil
        return try run(text, explanation: &ignored)
    }

    /// Extraction with the decision trace: tokens, gazetteer hits, what each phase proposed and
    /// what lost under the overlap policy.
    public func explain(_ text: String) throws -> Explanation {
        var explanation: Explanation? = Explanation()
        let extraction = try run(text, explanation: &explanation)
        explanation!.extraction = extraction
        return explanation!
    }

    private func run(_ text: String, explanation: inout Explanation?) throws -> Extraction {
        // Every entity holds the document's text and reads its bytes in place: made contiguous
        // once here (a bridged `NSString` on Darwin is not), not copied per entity read or written.
        var text = text
        text.makeContiguousUTF8()
        let tokenized = try tokenize(text)
        let facts = DocumentFacts(tokenized, original: text, vocabulary: pipeline.engine.vocabulary, tests: pipeline.engine.tests,
                                  entries: entries, forRules: pipeline.hasRules)
        let matches = pipeline.matcher.matches(in: tokenized)
        var candidates = gazetteerCandidates(matches, facts: facts)
        let lastRulePhase = pipeline.lastRulePhase
        var committed = commit(candidates, facts: facts, shown: pipeline.hasRules)
        var relationCandidates: [RelationCandidate] = []
        let sentences = pipeline.rules.phases.isEmpty ? [] : try sentenceSplitter.sentences(tokenized)
        if explanation != nil {
            explanation!.tokens = describeTokens(facts)
            explanation!.hits = describeHits(matches, facts)
            explanation!.sentences = sentences.filter { !$0.isEmpty }.map {
                Int(facts.tokens[$0.lowerBound].start)..<Int(facts.tokens[$0.upperBound - 1].end)
            }
            explanation!.phases.append(describePhase("gazetteers", proposed: candidates, previous: [], committed: committed, facts))
        }
        for phase in pipeline.rules.phases.indices where !pipeline.rules.phases[phase].rules.isEmpty {
            let out = pipeline.engine.run(phase: phase, facts: facts, sentences: sentences, orderBase: candidates.count)
            candidates += out.entities
            // The first phase's relations taken as they are, not copied into an empty array.
            if relationCandidates.isEmpty { relationCandidates = out.relations } else { relationCandidates += out.relations }
            let previous = committed
            // A phase that proposes no entity (relation rules) leaves the entities as they were:
            // resolution and mention linking would only repeat the previous commit.
            if !out.entities.isEmpty { committed = commit(candidates, facts: facts, shown: phase < lastRulePhase) }
            if explanation != nil {
                var described = describePhase(pipeline.rules.phases[phase].name, proposed: out.entities,
                                              previous: previous, committed: committed, facts)
                described.relations = out.relations.map { r in
                    let person = r.arguments["person"].map { facts.originalText($0) } ?? "?"
                    let role = r.arguments["role"].map { facts.originalText($0) } ?? ""
                    return "\(r.type) person=\(person) post=\(role) by \(r.rule)"
                }
                explanation!.phases.append(described)
            }
        }
        // Without rules nothing finds names, so titles are left as the gazetteer found them.
        if !pipeline.rules.phases.isEmpty { Self.keepTitlesBeforeNames(&committed) }
        var entities: [Entity] = []
        entities.reserveCapacity(committed.count)
        // By index: the closure of a `map` copied each candidate. Each text is bytes of the
        // document's own, where `facts.slice` would cut.
        // Through a buffer: read from the array around the call for the text's bytes, each
        // candidate was copied (a retain and release of its label).
        committed.withUnsafeBufferPointer { committed in
            for k in committed.indices {
                let start = committed[k].start, end = committed[k].end
                entities.append(Entity(start: start, end: end, document: text, textBytes: facts.utf8Range(start, end),
                                       label: committed[k].label))
            }
        }
        let relations = relationCandidates.isEmpty ? [] : RelationResolver(
            entities: entities, tokens: committed.map { $0.firstToken..<$0.endToken },
            fullNames: fullNames(entities, committed, facts), roles: roles, searchedUpTo: relationsSearchedUpTo,
            text: { facts.originalText($0) },
            span: { Int(facts.tokens[$0.lowerBound].start)..<Int(facts.tokens[$0.upperBound - 1].end) }
        ).resolve(relationCandidates)
        return Extraction(entities: entities, relations: relations)
    }

    /// Resolves candidates, adds the later mentions of the people found, and, when `shown`, shows
    /// the result to the next phase as annotations in place of the previous phase's entities.
    /// Not shown when no later phase runs rules: nothing reads them (with gazetteers only, 5.1M
    /// instructions on c1 with the bundled gazetteers).
    private func commit(_ candidates: [EntityCandidate], facts: DocumentFacts, shown: Bool) -> [EntityCandidate] {
        var committed = pipeline.resolver.resolve(candidates)
        let mentions = linker.candidates(committed: committed, facts: facts, order: candidates.count)
        if !mentions.isEmpty { committed = pipeline.resolver.resolve(candidates + mentions) }
        guard shown else { return committed }
        let outputTypeBits = pipeline.outputTypeBits
        facts.showEntities(committed, replacing: pipeline.outputTypeMask) { type in
            // Compared only with the output types of its length (three of five are of five
            // letters): two and a half string comparisons an entity were 1.2M instructions on c1.
            let length = type.utf8.count
            return outputTypeBits.first { $0.type.utf8.count == length && $0.type == type }?.bit ?? facts.typeBit(type)
        }
        return committed
    }

    /// Every gazetteer hit becomes an annotation rules can test; hits of entity types also become candidates.
    func gazetteerCandidates(_ matches: [GazetteerMatch], facts: DocumentFacts) -> [EntityCandidate] {
        // The arrays read at every hit, taken once: read through `pipeline` and `entryIndices(at:)`
        // (a slice), each was retained and released per hit (47k pairs on c1).
        let types = pipeline.gazetteer.entries.types, typeBits = pipeline.gazetteerTypeBits
        let precedences = pipeline.gazetteerTypePrecedence, labels = self.labels
        let offsets = pipeline.gazetteer.terminalOffsets, terminalEntries = pipeline.gazetteer.terminalEntries
        // The annotations added through one batch (`DocumentFacts.AnnotationBatch`): one by one,
        // each write checked an array's uniqueness.
        return facts.withAnnotationBatch(count: matches.count) { batch in
            var result: [EntityCandidate] = []
            // Most hits are of entity types: room for all of them, not grown hit by hit.
            result.reserveCapacity(matches.count)
            for m in matches {
                // `Gazetteer.entryIndices(at:)`, read in place, without its bounds guard: the matcher
                // reports only nodes below the node count.
                for t in Int(offsets[Int(m.node)])..<Int(offsets[Int(m.node) + 1]) {
                    let index = terminalEntries[t]
                    let typeIndex = Int(types[Int(index)])
                    batch.add(Annotation(typeBit: typeBits[typeIndex], firstToken: m.firstToken, endToken: m.endToken,
                                         start: m.start, end: m.end, features: .entry(index)),
                              cliticFree: m.cliticLength == 0)
                    // Hits of lexical types need no entry made: their features are read from it only
                    // when a rule asks.
                    guard let precedence = precedences[typeIndex] else { continue }
                    let label = labels.label(index) {
                        let entry = entries.entry(index)
                        return EntityCandidate.Label(type: entry.type, canonical: entry.canonical, source: entry.source, features: entry.features,
                                                     provenance: entry.provenanceJSON)
                    }
                    result.append(EntityCandidate(start: Int(m.start), end: Int(m.end), firstToken: Int(m.firstToken),
                                                  endToken: Int(m.endToken), label: label,
                                                  priority: precedence, order: result.count))
                }
            }
            return result
        }
    }

    private func describeTokens(_ facts: DocumentFacts) -> [Explanation.TokenInfo] {
        facts.tokens.indices.map { i in
            let t = facts.tokens[i]
            var splits: [String] = []
            facts.text.withUnits(of: i) { word in
                CliticAnalyzer.forEachSplit(of: word) { split in
                    let clitic = String(decoding: word[..<split.length], as: UTF16.self)
                    let rest = String(decoding: word[split.length...], as: UTF16.self)
                    splits.append("\(clitic)+\(split.restoresAlef ? "ا" : "")\(rest)")
                }
            }
            let kind = t.kind == .word ? "word" : t.kind == .number ? "number" : "punct"
            return .init(start: Int(t.start), end: Int(t.end), text: facts.slice(Int(t.start), Int(t.end)),
                         normalized: facts.normalized[i], kind: kind, splits: splits)
        }
    }

    private func describeHits(_ matches: [GazetteerMatch], _ facts: DocumentFacts) -> [Explanation.Hit] {
        matches.flatMap { m in
            pipeline.gazetteer.entryIndices(at: m.node).map { index in
                let entry = pipeline.gazetteer.entry(at: Int(index))
                let clitic = m.cliticLength > 0 ? facts.slice(Int(facts.tokens[Int(m.firstToken)].start), Int(m.start)) : nil
                return .init(start: Int(m.start), end: Int(m.end), text: facts.slice(Int(m.start), Int(m.end)), type: entry.type,
                             canonical: entry.canonical, source: entry.source, clitic: clitic)
            }
        }
    }

    /// What a phase proposed, and what lost under the overlap policy: its own candidates and the
    /// entities the previous phase had committed.
    private func describePhase(_ name: String, proposed: [EntityCandidate], previous: [EntityCandidate],
                               committed: [EntityCandidate], _ facts: DocumentFacts) -> Explanation.Phase {
        func describe(_ c: EntityCandidate) -> Explanation.Candidate {
            .init(start: c.start, end: c.end, text: facts.slice(c.start, c.end), type: c.type, source: c.features["rule"] ?? c.source)
        }
        let kept = Set(committed.map { "\($0.start) \($0.end) \($0.type)" })
        var beaten: [(loser: Explanation.Candidate, winner: Explanation.Candidate)] = []
        for c in proposed + previous where !kept.contains("\(c.start) \(c.end) \(c.type)") {
            if let winner = committed.first(where: { $0.start < c.end && c.start < $0.end }) {
                beaten.append((describe(c), describe(winner)))
            }
        }
        return .init(name: name, proposed: proposed.map(describe), beaten: beaten, relations: [])
    }

    /// `ANNOTATION.md`: a TITLE is a title directly before a name. A title word standing alone
    /// (`بحثت النائبة مع …`, `قال القاضي`) is not one; a title before another title before a name is.
    static func keepTitlesBeforeNames(_ committed: inout [EntityCandidate]) {
        // The flags in room on the stack (an array per document cost an allocation and a free),
        // and a type compared only when of the length of the name it is compared with (two
        // string comparisons per entity were 0.4M instructions on c1).
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: committed.count) { keep in
            var nextStart = Int.max, nextIsName = false, dropped = false
            // Read in place: `let c = committed[k]` copies each candidate (a retain and release of its label).
            for k in committed.indices.reversed() {
                let type = committed[k].type
                keep[k] = true
                if type.utf8.count == 5 && type == "TITLE" {
                    keep[k] = nextStart == committed[k].endToken && nextIsName
                    if keep[k] { nextStart = committed[k].firstToken; nextIsName = true; continue }
                    dropped = true
                }
                nextStart = committed[k].firstToken
                nextIsName = type.utf8.count == 6 && type == "PERSON"
            }
            // Nothing to drop, nothing to write: the array is shared with the document's facts
            // (the entities last shown to rules), so its first write copied it whole (about
            // 2,200 instructions a document on c1).
            guard dropped else { return }
            // The kept ones moved down by swaps in place, which copy nothing.
            var kept = 0
            for k in committed.indices where keep[k] {
                if kept != k { committed.swapAt(kept, k) }
                kept += 1
            }
            committed.removeLast(committed.count - kept)
        }
    }

    /// Appends the words of name `k` as written (without a proclitic the span leaves out) to `ids`,
    /// as ids of the document's own lexicon: equal ids, equal normalised words, and no string is
    /// made. Appended: the names of a document are kept in one array. By index: passing the
    /// candidate copies it (a retain and release of its label).
    static func appendPersonWords(_ committed: [EntityCandidate], _ k: Int, _ facts: DocumentFacts, to ids: inout [Int32]) {
        let first = committed[k].firstToken, start = committed[k].start, at = ids.count
        ids.append(contentsOf: facts.localIDs[first..<committed[k].endToken])
        if start != Int(facts.tokens[first].start) {
            // A stem that is no word of the document matches no other name: a unique id.
            let stem = facts.localStems(first).first { $0.start == start }?.id ?? -1
            ids[at] = stem >= 0 ? stem : Int32(-2 - k)
        }
    }

    /// For each person, the entity whose text is the fullest name the document gives them (-1 for
    /// other entities and for names that are their own fullest). Entity k's text is committed
    /// candidate k's span, so an index stands for the string: made as strings, with an array of
    /// optional strings, they cost an allocation per name and a generic destroy per entity.
    func fullNames(_ entities: [Entity], _ committed: [EntityCandidate], _ facts: DocumentFacts) -> [Int32] {
        // Every person's words are in `words`, the p-th person's (`persons[p]`) at `wordRanges[p]`:
        // one array, not an array per person in an array of optional arrays.
        var words: [Int32] = [], wordRanges: [Range<Int>] = [], persons: [Int] = []
        // Room for every entity at once (names are a few words each): grown as they filled, the
        // arrays were reallocated a few times a document (about 1.2M instructions on c1).
        words.reserveCapacity(4 * committed.count)
        wordRanges.reserveCapacity(committed.count)
        persons.reserveCapacity(committed.count)
        for k in committed.indices where entities[k].type == "PERSON" {
            let at = words.count
            Self.appendPersonWords(committed, k, facts, to: &words)
            persons.append(k)
            wordRanges.append(at..<words.count)
        }
        var result = [Int32](repeating: -1, count: committed.count)
        Self.fullNames(words: words, wordRanges: wordRanges, persons: persons, start: { committed[$0].start },
                       searchedUpTo: peopleSearchedUpTo, into: &result)
        return result
    }

    /// For each person `persons[p]` (an index into `result`) named by words `words[wordRanges[p]]`
    /// and starting at `start(persons[p])`: `result[persons[p]]` set to the person whose name is
    /// its full name, the first longer name, written before it, that ends with it (`حسن` →
    /// `السيد حسن`: a name is introduced in full, then cut from the front), and left as it is where
    /// there is none. Values are indices, not candidates: storing candidates copies them (a retain
    /// of each label).
    ///
    /// Up to `searchedUpTo` people (a document's handful: nine on average on c1), each name is
    /// compared with the others' endings in turn, in quadratic time (at most 32² comparisons of a
    /// few words at the worker's limit); more are indexed by every proper suffix in a table, in
    /// linear time. The table, made and sized per document and hashed per suffix, cost about 2M
    /// instructions on c1. The two agree (tests run both).
    static func fullNames(words: [Int32], wordRanges: [Range<Int>], persons: [Int], start: (Int) -> Int,
                          searchedUpTo: Int, into result: inout [Int32]) {
        if persons.count <= searchedUpTo {
            // The first longer name that ends with it taken, as the table below would give it.
            for p in persons.indices where !wordRanges[p].isEmpty {
                let r = wordRanges[p], name = words[r]
                for q in persons.indices where wordRanges[q].count > r.count {
                    guard words[(wordRanges[q].upperBound - r.count)..<wordRanges[q].upperBound].elementsEqual(name) else { continue }
                    if start(persons[q]) < start(persons[p]) { result[persons[p]] = Int32(persons[q]) }
                    break
                }
            }
            return
        }
        // A suffix is only looked up as a whole name, so one whose first word starts no name need
        // not be entered: most are a name's middle words. The first words are bits of a 64-bit
        // filter (a false hit only enters a suffix for nothing).
        func bit(_ id: Int32) -> UInt64 { 1 << (UInt64(UInt32(bitPattern: id)) & 63) }
        var firstWords: UInt64 = 0
        for r in wordRanges where !r.isEmpty { firstWords |= bit(words[r.lowerBound]) }
        var suffixCount = 0
        for r in wordRanges {
            for n in stride(from: 1, to: r.count, by: 1) where firstWords & bit(words[r.upperBound - n]) != 0 { suffixCount += 1 }
        }
        // Filled from the last person back, each overwriting: the first person with a suffix is
        // the one left, with one hash per suffix instead of a look-up and then an insertion.
        var fullNameBySuffix: [ArraySlice<Int32>: Int] = [:]
        fullNameBySuffix.reserveCapacity(suffixCount)
        for p in persons.indices.reversed() {
            let r = wordRanges[p]
            for n in stride(from: 1, to: r.count, by: 1) where firstWords & bit(words[r.upperBound - n]) != 0 {
                fullNameBySuffix[words[(r.upperBound - n)..<r.upperBound]] = persons[p]
            }
        }
        for p in persons.indices {
            let k = persons[p]
            if let longer = fullNameBySuffix[words[wordRanges[p]]], start(longer) < start(k) { result[k] = Int32(longer) }
        }
    }
}

extension Array where Element == String {
    /// True when `part` appears in this array as a contiguous run.
    func containsSequence(_ part: [String]) -> Bool {
        guard !part.isEmpty, part.count <= count else { return false }
        for i in 0...(count - part.count) where Array(self[i..<(i + part.count)]) == part { return true }
        return false
    }
}
