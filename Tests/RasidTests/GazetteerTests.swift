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
        // Compacted (at most three quarters full): the same ids, absent words still absent, room to grow.
        var compacted = lexicon
        compacted.compact()
        #expect(compacted.table.count == 8192 && lexicon.table.count == 16384)
        #expect((0..<5000).allSatisfy { compacted.id(of: "w\($0)") == ids[$0] })
        #expect((5000..<6000).allSatisfy { compacted.id(of: "w\($0)") == -1 })
        #expect(TokenLexicon(pool: compacted.pool, spans: compacted.spans, table: compacted.table) != nil)
        for i in 5000..<7000 { #expect(compacted.intern("w\(i)") == Int32(i)) }
        #expect((0..<7000).allSatisfy { compacted.id(of: "w\($0)") == Int32($0) })
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

/// The matcher's shortcuts (the small table of first tokens, ids looked up only when a walk
/// reaches them) against the plain definition: every token's id up front, every walk from the root.
@Suite struct GazetteerMatcherFastPathTests {
    static func plainMatches(_ g: Gazetteer, _ text: TokenizedText) -> [GazetteerMatch] {
        let tokens = text.tokens
        var result: [GazetteerMatch] = []
        text.view.units.withUnsafeBufferPointer { units in
            func unitsOf(_ t: Token) -> UnsafeBufferPointer<UInt16> {
                UnsafeBufferPointer(rebasing: units[Int(t.normStart)..<Int(t.normEnd)])
            }
            let ids = tokens.map { g.lexicon.id(of: unitsOf($0)) }
            func walk(_ id: Int32, _ i: Int, clitic: Int, alef: Bool) {
                guard id >= 0 else { return }
                var node = g.transitions.child(Gazetteer.root, id), j = i
                let start = clitic == 0 ? tokens[i].start : text.view.originStart[Int(tokens[i].normStart) + clitic]
                while node >= 0 {
                    if !g.entryIndices(at: node).isEmpty {
                        result.append(GazetteerMatch(firstToken: Int32(i), endToken: Int32(j + 1), start: start, end: tokens[j].end,
                                                     node: node, cliticLength: Int16(clitic), restoredAlef: alef))
                    }
                    j += 1
                    guard j < tokens.count, ids[j] >= 0 else { break }
                    node = g.transitions.child(node, ids[j])
                }
            }
            for i in tokens.indices {
                let before = result.count
                walk(ids[i], i, clitic: 0, alef: false)
                guard result.count == before, tokens[i].kind == .word else { continue }
                let word = unitsOf(tokens[i])
                CliticAnalyzer.forEachSplit(of: word) { split in
                    walk(CliticAnalyzer.withStem(of: word, split) { g.lexicon.id(of: $0) }, i, clitic: split.length, alef: split.restoresAlef)
                }
            }
        }
        return result
    }

    @Test func matchesAreThePlainDefinitionsOnTheDevTexts() throws {
        let pipeline = try Pipeline(Configuration())
        let worker = try pipeline.makeWorker()
        var found = 0
        for text in try EvalTexts.dev() {
            let tokenized = try worker.tokenize(text)
            let fast = pipeline.matcher.matches(in: tokenized)
            #expect(fast == Self.plainMatches(pipeline.gazetteer, tokenized))
            found += fast.count
        }
        #expect(found > 100)
    }

    /// Each edge's step says whether its child ends an entry (what the matcher reads instead of
    /// the node's entry list), in a built gazetteer and in one read back from the cache; and the
    /// matcher over the cached one still gives the plain definition's matches.
    @Test func eachStepSaysWhetherItsNodeEndsAnEntry() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-cache-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let built = try Pipeline(Configuration())
        _ = try Pipeline(Configuration(gazetteerCacheDirectory: cache))
        let cached = try Pipeline(Configuration(gazetteerCacheDirectory: cache))
        guard case .loaded = cached.gazetteerCacheOutcome else {
            Issue.record("expected loaded, got \(String(describing: cached.gazetteerCacheOutcome))")
            return
        }
        for g in [built.gazetteer, cached.gazetteer] {
            var edges = 0, ends = 0
            for (key, step) in zip(g.transitions.keys, g.transitions.values) where key != .max {
                edges += 1
                #expect(step >= 0)
                let child = step >> 1
                #expect((step & 1 == 1) == !g.entryIndices(at: child).isEmpty)
                ends += Int(step & 1)
                #expect(g.transitions.child(Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key)) == child)
            }
            #expect(edges == g.nodeCount - 1 && ends > 1000)
        }
        let worker = try cached.makeWorker()
        for text in try EvalTexts.dev().prefix(40) {
            let tokenized = try worker.tokenize(text)
            #expect(cached.matcher.matches(in: tokenized) == Self.plainMatches(cached.gazetteer, tokenized))
        }
    }

    @Test func startTableHoldsExactlyTheRootsChildren() throws {
        let g = try Pipeline(Configuration()).gazetteer
        var starting = 0
        for id in 0..<Int32(g.lexicon.count) {
            let child = g.transitions.child(Gazetteer.root, id)
            starting += child >= 0 ? 1 : 0
            #expect(g.lexicon.withUnits(of: id) { g.startNode(of: $0) } == child)
        }
        #expect(starting == g.starts.count && starting > 100)
        #expect(Array("غيرموجود".utf16).withUnsafeBufferPointer { g.startNode(of: $0) } == -1)
    }
}
