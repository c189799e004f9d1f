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
