import Testing
@testable import Rasid

/// Proclitic splits, both ways: taken where the rest is a known entry and the whole word is not,
/// never taken where the whole word is known.
@Suite struct CliticTests {
    static let pipeline = try! TestGazetteers.pipeline([
        "place/places.lst": """
        الإسكندرية
        الشرقية
        القاهرة
        الجيزة
        مصر
        ليبيا
        دمياط
        كفر الشيخ
        """,
        "party/parties.lst": """
        حزب مستقبل وطن | مستقبل وطن
        حزب الوفد | الوفد
        حزب الجبهة الوطنية | الجبهة الوطنية
        """,
        "org/bodies.lst": "أمانة التنظيم\nمجلس النواب\n",
        // Given names typed PERSON here so that the output shows them. Some (ريم، سام، اسم، مال)
        // are what a wrong split of another name would leave.
        "person/names.lst": """
        وليد
        بسام
        كريم
        لبنى
        فاطمة
        وائل
        فادي
        باسم
        كمال
        لمياء
        فريد
        وفاء
        بلال
        ليلى
        كوثر
        فؤاد
        وسام
        لطفي
        بكر
        فتحي
        ولاء
        ريم
        سام
        اسم
        مال
        كرم
        """,
    ])

    static let splitTaken: [(String, String)] = [
        ("بالإسكندرية", "PLACE:الإسكندرية"),
        ("وبالإسكندرية", "PLACE:الإسكندرية"),
        ("فالإسكندرية", "PLACE:الإسكندرية"),
        ("والإسكندرية", "PLACE:الإسكندرية"),
        ("كالإسكندرية", "PLACE:الإسكندرية"),
        ("للإسكندرية", "PLACE:لإسكندرية"),
        ("وللإسكندرية", "PLACE:لإسكندرية"),
        ("بالشرقية", "PLACE:الشرقية"),
        ("والشرقية", "PLACE:الشرقية"),
        ("للشرقية", "PLACE:لشرقية"),
        ("فللشرقية", "PLACE:لشرقية"),
        ("بالقاهرة", "PLACE:القاهرة"),
        ("وبالقاهرة", "PLACE:القاهرة"),
        ("بالجيزة", "PLACE:الجيزة"),
        ("ومصر", "PLACE:مصر"),
        ("بمصر", "PLACE:مصر"),
        ("لمصر", "PLACE:مصر"),
        ("فمصر", "PLACE:مصر"),
        ("كمصر", "PLACE:مصر"),
        ("ولمصر", "PLACE:مصر"),
        ("وبمصر", "PLACE:مصر"),
        ("لليبيا", "PLACE:ليبيا"),
        ("وليبيا", "PLACE:ليبيا"),
        ("بدمياط", "PLACE:دمياط"),
        ("بكفر الشيخ", "PLACE:كفر الشيخ"),
        ("وحزب مستقبل وطن", "PARTY:حزب مستقبل وطن"),
        ("لحزب الوفد", "PARTY:حزب الوفد"),
        ("بحزب الجبهة الوطنية", "PARTY:حزب الجبهة الوطنية"),
        ("وبحزب الوفد", "PARTY:حزب الوفد"),
        ("بالوفد", "PARTY:الوفد"),
        ("والجبهة الوطنية", "PARTY:الجبهة الوطنية"),
        ("ومستقبل وطن", "PARTY:مستقبل وطن"),
        ("لمستقبل وطن", "PARTY:مستقبل وطن"),
        ("بأمانة التنظيم", "ORG:أمانة التنظيم"),
        ("لأمانة التنظيم", "ORG:أمانة التنظيم"),
        ("وأمانة التنظيم", "ORG:أمانة التنظيم"),
        ("بمجلس النواب", "ORG:مجلس النواب"),
        ("ووليد", "PERSON:وليد"),
        ("وبسام", "PERSON:بسام"),
        ("لفاطمة", "PERSON:فاطمة"),
    ]

    static let wholeWord: [String] = [
        "وليد", "بسام", "كريم", "لبنى", "فاطمة", "وائل", "فادي", "باسم", "كمال", "لمياء",
        "فريد", "وفاء", "بلال", "ليلى", "كوثر", "فؤاد", "وسام", "لطفي", "بكر", "فتحي", "ولاء",
    ]

    /// Words no entry explains, whole or split.
    static let noMatch: [String] = ["وكالة", "بيان", "كلمة", "والدة", "فيلم", "لقاء", "بي", "وو", "للمواطنين"]

    @Test(arguments: splitTaken)
    func splitIsTakenWhereTheRestIsAnEntry(_ text: String, _ expected: String) throws {
        #expect(try TestGazetteers.found(Self.pipeline, text) == [expected])
    }

    @Test(arguments: splitTaken)
    func spanLeavesOutTheClitic(_ text: String, _ expected: String) throws {
        let entity = try #require(try Self.pipeline.makeWorker().extract(text).entities.first)
        #expect(slice(text, entity.start, entity.end) == entity.text)
        #expect(text.unicodeScalars.count - entity.start == entity.text.unicodeScalars.count + (text.unicodeScalars.count - entity.end))
    }

    @Test(arguments: wholeWord)
    func knownWordStaysWhole(_ word: String) throws {
        #expect(try TestGazetteers.found(Self.pipeline, word) == ["PERSON:\(word)"])
    }

    @Test(arguments: noMatch)
    func unknownWordsMatchNothing(_ word: String) throws {
        #expect(try TestGazetteers.found(Self.pipeline, word).isEmpty)
    }

    @Test func analyserProposesConjunctionPrepositionAndDroppedAlef() {
        let splits = CliticAnalyzer.splits(of: "وللحزب").map { [$0.length, $0.restoresAlef ? 1 : 0] }
        #expect(splits == [[1, 0], [2, 0], [2, 1]])
        #expect(CliticAnalyzer.splits(of: "محمد").isEmpty)
        #expect(CliticAnalyzer.splits(of: "به").isEmpty)
    }
}
