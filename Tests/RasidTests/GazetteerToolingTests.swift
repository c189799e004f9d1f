import Foundation
import Testing
@testable import Rasid

@Suite struct GazetteerToolingTests {
    func check(_ files: [String: String]) throws -> [GazetteerChecker.Finding] {
        let dir = try TestGazetteers.folder(files)
        return try GazetteerChecker().check(roots: [(dir, "g")])
    }

    @Test func reportsErrorsAndWarningsWithTheirPlace() throws {
        let findings = try check([
            "place/a.lst": "#@ source = test\nمصر\nالقاهرة\tbad\nالجيزة\u{200F}\n",
            "place/b.lst": "#@ source = test\nمِصْر\n",
            "person/c.lst": "#@ source = test\nالقاهرة\n",
            "party/d.lst": "الوفد\n",
        ])
        let text = findings.map(\.description)
        #expect(text.contains("g/place/a.lst:3: error: feature 'bad' is not key=value"))
        #expect(text.contains("g/place/a.lst:4:7: error: stray invisible character U+200F"))
        #expect(text.contains { $0.hasPrefix("g/place/b.lst:2: warning: 'مِصْر' duplicates g/place/a.lst:2") })
        #expect(text.contains("g/party/d.lst: warning: no '#@ source =' header saying where the entries come from"))
        #expect(findings.filter { $0.severity == .error }.count == 2)
    }

    @Test func oneSpellingUnderTwoTypesIsAWarning() throws {
        let findings = try check([
            "place/a.lst": "#@ source = t\nالمنصورة\n",
            "person/b.lst": "#@ source = t\nالمنصوره\n",
        ])
        // Files are read in path order: person/ before place/.
        #expect(findings.map(\.description) == ["g/place/a.lst:2: warning: 'المنصورة' is also PERSON at g/person/b.lst:2"])
    }

    @Test func spellingsThatCannotMatchRunningTextAreErrors() throws {
        // A form made only of characters that normalisation removes leaves nothing to match.
        let findings = try check(["org/a.lst": "#@ source = t\n\u{200B}\n"])
        #expect(findings.contains { $0.severity == .error && $0.message.contains("no token") })
    }

    @Test func theBundledGazetteersPassTheirOwnCheck() throws {
        let root = try #require(BundledData.root())
        let findings = try GazetteerChecker().check(roots: [(root.appendingPathComponent("gazetteers"), "gazetteers")])
        #expect(findings.filter { $0.severity == .error }.map(\.description) == [])
    }

    @Test func lookupExplainsCliticsNormalisationAndVariants() throws {
        let pipeline = try TestGazetteers.pipeline([
            "place/p.lst": "الإسكندرية | إسكندرية\n",
            "given_name/n.lst": "عبد العزيز\n",
        ])
        let results = try pipeline.makeWorker().lookup("بالإسكندرية إسكندرية عبدالعزيز")
        #expect(results.map(\.text) == ["الإسكندرية", "إسكندرية", "عبدالعزيز"])
        #expect(results[0].reasons == ["clitic split: ب+الاسكندريه"])
        #expect(results[1].reasons == ["variant of 'الإسكندرية'"])
        #expect(results[2].entry.type == "GIVEN_NAME")
        #expect(results[2].reasons.first?.hasPrefix("normalised") == true)
    }

    @Test func importsGateSpacyAndRegexNER() throws {
        let dir = try TestGazetteers.folder([
            "gate/lists.def": "cities.lst:location:city\nparties.lst:organization:party:ar:PARTY\nbroken\n",
            "gate/cities.lst": "الإسكندرية&id=ALX\nطنطا\n",
            "gate/parties.lst": "حزب الوفد\n",
            "patterns.jsonl": """
            {"label": "ORG", "pattern": "مجلس النواب", "id": "hor"}
            {"label": "PERSON", "pattern": [{"ORTH": "علاء"}, {"ORTH": "زيادة"}]}
            {"label": "PERSON", "pattern": [{"LOWER": "x", "OP": "+"}]}
            """,
            "regexner.tsv": "مصر\tPLACE\nحزب [^ ]+\tPARTY\nليبيا\n",
        ])
        let gate = try GazetteerImporter.load(.gate, from: dir.appendingPathComponent("gate/lists.def"))
        #expect(gate.lines["LOCATION"] == ["الإسكندرية\tsubtype=city\tid=ALX", "طنطا\tsubtype=city"])
        #expect(gate.lines["PARTY"] == ["حزب الوفد\tsubtype=party"])
        #expect(gate.skipped.map(\.line) == [3])
        let spacy = try GazetteerImporter.load(.spacy, from: dir.appendingPathComponent("patterns.jsonl"))
        #expect(spacy.lines["ORG"] == ["مجلس النواب\tid=hor"])
        #expect(spacy.lines["PERSON"] == ["علاء زيادة"])
        #expect(spacy.skipped.map(\.line) == [3])
        let tsv = try GazetteerImporter.load(.regexner, from: dir.appendingPathComponent("regexner.tsv"))
        #expect(tsv.lines == ["PLACE": ["مصر"]])
        #expect(tsv.skipped.map(\.line) == [2, 3])

        // What is imported loads and matches.
        let out = dir.appendingPathComponent("out")
        try GazetteerImporter.write(spacy, to: out, name: "patterns", source: "test")
        let p = try Pipeline(Configuration(useBundledData: false, gazetteerDirectories: [out]))
        #expect(try TestGazetteers.found(p, "قال علاء زيادة في مجلس النواب") == ["PERSON:علاء زيادة", "ORG:مجلس النواب"])
    }
}
