import Foundation
import Testing
@testable import Rasid

@Suite struct GazetteerMatchingTests {
    static let pipeline = try! TestGazetteers.pipeline([
        "title/titles.lst": """
        #@ source = test
        المهندس\tcategory=engineer
        المهندس الاستشاري\tcategory=engineer
        الدكتور | د.\tcategory=doctor
        """,
        "place/places.lst": """
        #@ subtype = governorate
        الإسكندرية | الاسكندريه | إسكندرية\tid=EG-ALX
        القاهرة\tid=EG-C
        """,
        "party/parties.lst": """
        حزب مستقبل وطن | مستقبل وطن\tid=mostaqbal-watan
        """,
        "bodies.lst": "#@ type = org\nأمانة شئون الإسكان والمرافق\n",
    ])

    func entities(_ text: String) throws -> [Entity] { try Self.pipeline.makeWorker().extract(text).entities }

    @Test func multiWordEntriesAndLeftmostLongest() throws {
        let found = try entities("قال المهندس الاستشاري محمد إن حزب مستقبل وطن الإسكندرية")
        #expect(found.map(\.text) == ["المهندس الاستشاري", "حزب مستقبل وطن", "الإسكندرية"])
        #expect(found.map(\.type) == ["TITLE", "PARTY", "PLACE"])
    }

    @Test func featuresCanonicalAndSource() throws {
        let found = try entities("د. سعيد من إسكندرية")
        #expect(found.count == 2)
        #expect(found[0].text == "د.")
        #expect(found[0].canonical == "الدكتور")
        #expect(found[0].features["category"] == "doctor")
        #expect(found[0].source.hasSuffix("title/titles.lst:4"))
        #expect(found[1].canonical == "الإسكندرية")
        #expect(found[1].features == ["subtype": "governorate", "id": "EG-ALX"])
    }

    @Test func normalisationFoldsSpellingDiacriticsAndTatweel() throws {
        let found = try entities("أمانة شؤون الإسكان والمرافق بالقاهـــرة وحِزْب مُسْتَقْبَل وَطَن")
        #expect(found.map(\.type) == ["ORG", "PLACE", "PARTY"])
        #expect(found[1].text == "القاهـــرة")
        #expect(found[2].text == "حِزْب مُسْتَقْبَل وَطَن")
    }

    @Test func headerTypeOverridesAndIsUpperCased() throws {
        #expect(try entities("أمانة شئون الإسكان والمرافق").map(\.type) == ["ORG"])
    }

    @Test func partialEntriesDoNotMatch() throws {
        #expect(try entities("حزب مستقبل أفضل").isEmpty)
        #expect(try entities("الإسكندريات").isEmpty)
    }

    @Test func malformedLinesAreErrorsNamingFileAndLine() throws {
        let dir = try TestGazetteers.folder([
            "place/bad.lst": "# fine\nمصر\nليبيا\tsubtype\n|\n",
            "notype.lst": "تونس\n",
            "place/late.lst": "مصر\n#@ subtype = country\n",
        ])
        #expect {
            try Pipeline(Configuration(useBundledData: false, gazetteerDirectories: [dir]))
        } throws: { error in
            let text = "\(error)"
            return text.contains("place/bad.lst:3: feature 'subtype' is not key=value")
                && text.contains("place/bad.lst:4: empty form")
                && text.contains("notype.lst:1: no type")
                && text.contains("place/late.lst:2: header")
        }
    }

    @Test func invalidUTF8IsAnErrorWithItsLine() {
        let parsed = GazetteerFileParser.parse(Array("مصر\n".utf8) + [0xFF, 0xFE, 0x0A], path: "x.lst", folderType: "PLACE")
        #expect(parsed.entries.count == 1)
        #expect(parsed.errors.map(\.description) == ["x.lst:2: invalid UTF-8"])
    }

    @Test func matchingTimeDoesNotDependOnEntryCountButItsResultsDoNot() throws {
        // Many entries sharing prefixes: the trie still finds exactly the longest one.
        var lines = ""
        for i in 0..<2000 { lines += "مدينة \(i)\n" }
        let p = try TestGazetteers.pipeline(["place/many.lst": lines])
        #expect(try TestGazetteers.found(p, "زار مدينة 1999 ومدينة 7") == ["PLACE:مدينة 1999", "PLACE:مدينة 7"])
        #expect(p.gazetteer.entryCount == 2000)
    }

    @Test func lexiconAndTransitionsGrowCorrectly() {
        var lexicon = TokenLexicon(capacity: 1)
        var ids: [Int32] = []
        for i in 0..<5000 { ids.append(lexicon.intern("w\(i)")) }
        #expect(Set(ids).count == 5000)
        #expect(lexicon.id(of: "w4321") == ids[4321])
        #expect(lexicon.id(of: "absent") == -1)
        #expect(lexicon.string(ids[17]) == "w17")
        #expect(TokenLexicon(pool: lexicon.pool, spans: lexicon.spans, table: lexicon.table) != nil)
        for i in 5000..<7000 { #expect(lexicon.intern("w\(i)") == Int32(i)) }
        #expect((0..<7000).allSatisfy { lexicon.id(of: "w\($0)") == Int32($0) })
        var table = TransitionTable(capacity: 1)
        for i in 0..<5000 { table.insert(Int32(i % 7), Int32(i), child: Int32(i + 1)) }
        #expect(table.child(Int32(1234 % 7), 1234) == 1235)
        #expect(table.child(0, 1) == -1)
        #expect(table.count == 5000)
    }
}

@Suite struct GazetteerBuilderFastPathTests {
    /// The fast path that skips ICU for plain Arabic entries cuts exactly where ICU and the tokenizer do.
    @Test(arguments: ["حزب مستقبل وطن", "عبدالعزيز", "عبد العزيز الشناوي", "الإسكندرية", "مُحَمَّد  عبدالله", "أبو حماد"])
    func plainArabicEntriesTokeniseAsICUDoes(_ form: String) throws {
        let normalizer = try MatchingNormalizer()
        let tokenizer = try Tokenizer()
        let view = normalizer.normalize(form)
        let fast = try #require(GazetteerBuilder.wordRanges(view))
        let icu = try tokenizer.tokenize(view).tokens.map { Int($0.normStart)..<Int($0.normEnd) }
        #expect(fast == icu)
    }

    @Test(arguments: ["د.", "6 أكتوبر", "Al-Wafd", "حزب الوفد!"])
    func anythingElseGoesThroughICU(_ form: String) throws {
        #expect(GazetteerBuilder.wordRanges(try MatchingNormalizer().normalize(form)) == nil)
    }
}

/// The matcher's shortcuts (the small table of first tokens, words hashed only when a walk
/// reaches them) against the plain definition: every token's id up front, every walk from the root.
@Suite struct GazetteerMatcherFastPathTests {
    /// The bundled gazetteers as built, with the lexicon and trie they were made from.
    static func builtWithTrie() throws -> (gazetteer: Gazetteer, lexicon: TokenLexicon, transitions: TransitionTable) {
        try GazetteerLoader.compile(GazetteerLoader.files(in: Configuration().gazetteerRoots()), hashing: false).builder.buildWithTrie()
    }

    static func plainMatches(_ g: Gazetteer, _ lexicon: TokenLexicon, _ transitions: TransitionTable,
                             _ text: TokenizedText) -> [GazetteerMatch] {
        let tokens = text.tokens
        var result: [GazetteerMatch] = []
        text.view.units.withUnsafeBufferPointer { units in
            func unitsOf(_ t: Token) -> UnsafeBufferPointer<UInt16> {
                UnsafeBufferPointer(rebasing: units[Int(t.normStart)..<Int(t.normEnd)])
            }
            let ids = tokens.map { lexicon.id(of: unitsOf($0)) }
            func walk(_ id: Int32, _ i: Int, clitic: Int, alef: Bool) {
                guard id >= 0 else { return }
                var node = transitions.child(Gazetteer.root, id), j = i
                let start = clitic == 0 ? tokens[i].start : text.view.originStart[Int(tokens[i].normStart) + clitic]
                while node >= 0 {
                    if !g.entryIndices(at: node).isEmpty {
                        result.append(GazetteerMatch(firstToken: Int32(i), endToken: Int32(j + 1), start: start, end: tokens[j].end,
                                                     node: node, cliticLength: Int16(clitic), restoredAlef: alef))
                    }
                    j += 1
                    guard j < tokens.count, ids[j] >= 0 else { break }
                    node = transitions.child(node, ids[j])
                }
            }
            for i in tokens.indices {
                let before = result.count
                walk(ids[i], i, clitic: 0, alef: false)
                guard result.count == before, tokens[i].kind == .word else { continue }
                let word = unitsOf(tokens[i])
                CliticAnalyzer.forEachSplit(of: word) { split in
                    walk(CliticAnalyzer.withStem(of: word, split) { lexicon.id(of: $0) }, i, clitic: split.length, alef: split.restoresAlef)
                }
            }
        }
        return result
    }

    @Test func matchesAreThePlainDefinitionsOnTheDevTexts() throws {
        let worker = try Pipeline(Configuration()).makeWorker()
        let (g, lexicon, transitions) = try Self.builtWithTrie()
        var found = 0
        for text in try EvalTexts.dev() {
            let tokenized = try worker.tokenize(text)
            let fast = GazetteerMatcher(g).matches(in: tokenized)
            #expect(fast == Self.plainMatches(g, lexicon, transitions, tokenized))
            found += fast.count
        }
        #expect(found > 100)
    }

    /// Each edge is found by its word, with its step, in the built gazetteer's `edges` and in
    /// one read back from the cache; its step says whether its child ends an entry (what the
    /// matcher reads instead of the node's entry list); and the matcher over the cached gazetteer
    /// gives the plain definition's matches, made from the built one's lexicon and trie.
    @Test func edgesAreTheTriesEdgesBuiltAndCached() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-cache-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        _ = try Pipeline(Configuration(gazetteerCacheDirectory: cache))
        let cached = try Pipeline(Configuration(gazetteerCacheDirectory: cache))
        guard case .loaded = cached.gazetteerCacheOutcome else {
            Issue.record("expected loaded, got \(String(describing: cached.gazetteerCacheOutcome))")
            return
        }
        let (g, lexicon, transitions) = try Self.builtWithTrie()
        var edges = 0, ends = 0, wrong = 0
        transitions.forEachEdge { node, token, step in
            edges += 1
            if step < 0 || (step & 1 == 1) != !g.entryIndices(at: step >> 1).isEmpty { wrong += 1 }
            ends += Int(step & 1)
            lexicon.withUnits(of: token) { word in
                let h = TokenLexicon.hash(word)
                if g.edges.step(node, word, hash: h) != step || cached.gazetteer.edges.step(node, word, hash: h) != step { wrong += 1 }
            }
        }
        #expect(wrong == 0)
        #expect(edges == g.nodeCount - 1 && ends > 1000 && g.edges.count == edges && cached.gazetteer.edges.count == edges)
        #expect(cached.gazetteer.startSteps == g.startSteps && cached.gazetteer.starts.count == g.starts.count)
        let worker = try cached.makeWorker()
        for text in try EvalTexts.dev().prefix(40) {
            let tokenized = try worker.tokenize(text)
            #expect(cached.matcher.matches(in: tokenized) == Self.plainMatches(g, lexicon, transitions, tokenized))
        }
    }

    /// Two words of one hash out of one node are told apart by their units; a table read back is
    /// checked, and slots whose words lie outside its words match nothing rather than read past them.
    @Test func edgesTellWordsOfOneHashApart() throws {
        var seen: [UInt32: String] = [:]
        var pair: (String, String)?
        for i in 0..<2_000_000 {
            let w = "w\(i)"
            let h = Array(w.utf16).withUnsafeBufferPointer { TokenLexicon.hash($0) }
            if let other = seen[h] { pair = (other, w); break }
            seen[h] = w
        }
        let (a, b) = try #require(pair)
        var lexicon = TokenLexicon(), transitions = TransitionTable()
        let ia = lexicon.intern(a), ib = lexicon.intern(b), ic = lexicon.intern("other")
        transitions.insert(0, ia, child: 1)
        transitions.insert(0, ib, child: 2)
        transitions.insert(1, ic, child: 3)
        let edges = EdgeTable(transitions, lexicon)
        func step(_ t: EdgeTable, _ node: Int32, _ w: String) -> Int32 {
            Array(w.utf16).withUnsafeBufferPointer { t.step(node, $0, hash: TokenLexicon.hash($0)) }
        }
        #expect(edges.count == 3)
        #expect(step(edges, 0, a) == 2 && step(edges, 0, b) == 4 && step(edges, 1, "other") == 6)
        #expect(step(edges, 0, "other") == -1 && step(edges, 1, a) == -1 && step(edges, 0, "absent") == -1)

        #expect(EdgeTable(slots: edges.slots, words: edges.words, count: 3)?.count == 3)
        #expect(EdgeTable(slots: edges.slots, words: edges.words, count: edges.slots.count / 2) == nil)
        #expect(EdgeTable(slots: edges.slots, words: edges.words, count: -1) == nil)
        #expect(EdgeTable(slots: Array(edges.slots.dropLast()), words: edges.words, count: 3) == nil)
        var full = edges.slots
        for k in stride(from: 0, to: full.count, by: 2) where full[k] == .max { full[k] = 12345 }
        #expect(EdgeTable(slots: full, words: edges.words, count: 3) == nil)
        let cut = try #require(EdgeTable(slots: edges.slots, words: Array(edges.words.prefix(3)), count: 3))
        #expect(step(cut, 0, a) == -1 && step(cut, 0, b) == -1 && step(cut, 1, "other") == -1)

        // Steps are not checked on load: a node number past the trie's (only a forged cache could
        // have one) has no entries, rather than reading past the entry lists.
        let g = try TestGazetteers.pipeline(["place/p.lst": "القاهرة\n"]).gazetteer
        #expect(g.nodeCount == 2 && g.entryIndices(at: 1).count == 1)
        #expect(g.entryIndices(at: 2).isEmpty && g.entryIndices(at: .max).isEmpty && g.entryIndices(at: -3).isEmpty)
    }

    @Test func startTableHoldsExactlyTheRootsChildren() throws {
        let (g, lexicon, transitions) = try Self.builtWithTrie()
        var starting = 0
        for id in 0..<Int32(lexicon.count) {
            let step = transitions.step(Gazetteer.root, id)
            starting += step >= 0 ? 1 : 0
            #expect(lexicon.withUnits(of: id) { g.startStep(of: $0) } == step)
        }
        #expect(starting == g.starts.count && starting > 100)
        #expect(Array("غيرموجود".utf16).withUnsafeBufferPointer { g.startStep(of: $0) } == -1)
    }
}
