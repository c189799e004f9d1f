import Foundation
import Rasid
import Testing
@testable import RasidReport

@Suite struct HTMLReportTests {
    /// The highlighted spans of a page: type and text, in order.
    static func spans(_ html: String) -> [(type: String, text: String)] {
        let pattern = try! NSRegularExpression(pattern: #"<span class="ent [^"]*" data-type="([^"]*)"[^>]*>([^<]*)</span>"#)
        let ns = html as NSString
        return pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)).map {
            (ns.substring(with: $0.range(at: 1)), ns.substring(with: $0.range(at: 2)))
        }
    }

    @Test func slicesByCodePointsWithEmojiAndCombiningMarksBeforeEntities() {
        // 👨‍👩‍👧 is five code points (one grapheme), 🇪🇬 two; both before the entities.
        let text = "👨‍👩‍👧🇪🇬 قال أمين حزب الوفد بالقاهرة"
        let scalars = Array(text.unicodeScalars)
        func offset(_ s: String) -> Range<Int> {
            let target = Array(s.unicodeScalars)
            let i = (0...(scalars.count - target.count)).first { Array(scalars[$0..<($0 + target.count)]) == target }!
            return i..<(i + target.count)
        }
        let party = offset("حزب الوفد"), place = offset("القاهرة")
        #expect(party.lowerBound == 17)
        let document = FoundDocument(id: "e", text: text, entities: [
            Entity(start: place.lowerBound, end: place.upperBound, type: "PLACE", text: "القاهرة", source: "g:2"),
            Entity(start: party.lowerBound, end: party.upperBound, type: "PARTY", text: "حزب الوفد", source: "g:1"),
        ])
        let html = HTMLReport(documents: [document]).render()
        let found = Self.spans(html)
        #expect(found.map(\.type) == ["PARTY", "PLACE"])
        #expect(found.map(\.text) == ["حزب الوفد", "القاهرة"])
        // The text around the spans is all there, once.
        #expect(html.contains("👨‍👩‍👧🇪🇬 قال أمين <span"))
        #expect(html.contains("</span> ب<span"))
    }

    @Test func escapesTextIdsFieldsAndProvenance() {
        let text = "<script>alert('x')</script> & \"حزب الوفد\""
        let start = Array(text.unicodeScalars).count - 10
        let document = FoundDocument(
            id: "<b>id</b>", text: text, fieldsJSON: #"{"note":"</p><i>"}"#,
            entities: [Entity(start: start, end: start + 9, type: "PARTY\"><x", text: "حزب الوفد", canonical: "\"c\" <d>",
                              source: "a&b", features: ["k'": "<v>"])],
            relations: [Relation(type: "secretary_of", person: "<p>", org: "o&o", role: "\"r\"", party: "<party>", place: nil)])
        let html = HTMLReport(documents: [document], title: "</title><script>").render()
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;"))
        #expect(!html.contains("<b>id</b>") && html.contains("&lt;b&gt;id&lt;/b&gt;"))
        #expect(!html.contains("</p><i>"))
        #expect(!html.contains("</title><script>"))
        #expect(html.contains(#"data-type="PARTY&quot;&gt;&lt;x""#))
        #expect(html.contains("canonical: &quot;c&quot; &lt;d&gt;&#10;k&#39;: &lt;v&gt;"))
        #expect(html.contains("<td class=\"person\">&lt;p&gt;</td>"))
        // Exactly one script element: the report's own.
        #expect(html.components(separatedBy: "<script").count == 2)
    }

    @Test func pageIsRightToLeftSelfContainedWithLegendAndRelationRows() {
        let documents = extract([
            inputLine("d1", "قال أمين المحافظة بحزب حماة الوطن بالجيزة، المهندس الاستشاري عبد الناصر يوسف الفخراني، إن الحزب يستعد."),
        ])
        let html = HTMLReport(documents: documents).render()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        // Nothing to fetch: no URL in any attribute, no @import or url().
        #expect(!html.contains("src=") && !html.contains("http:") && !html.contains("https:") && !html.contains("url(") && !html.contains("@import"))
        for type in Set(documents[0].entities.map(\.type)) {
            #expect(html.contains("data-legend=\"\(type)\""))
        }
        #expect(Self.spans(html).count == documents[0].entities.count)
        #expect(!documents[0].relations.isEmpty)
        #expect(html.components(separatedBy: "<tr class=\"relation\"").count - 1 == documents[0].relations.count)
        #expect(html.contains("title=\"PERSON&#10;source: "))
    }

    @Test func overlappingEntitiesAreListedNotNested() {
        let document = FoundDocument(id: "o", text: "حزب مستقبل وطن", entities: [
            Entity(start: 0, end: 14, type: "PARTY", text: "حزب مستقبل وطن", source: "s"),
            Entity(start: 11, end: 14, type: "PLACE", text: "وطن", source: "s"),
        ])
        let html = HTMLReport(documents: [document]).render()
        #expect(Self.spans(html).map(\.type) == ["PARTY"])
        #expect(html.contains("class=\"overlap\"") && html.contains("PLACE «وطن» [11, 14)"))
    }
}

@Suite struct PartyStructureTests {
    @Test func groupsPartiesBodiesAndPostsAcrossDocuments() {
        func r(_ person: String, _ org: String, _ role: String?, _ party: String?, _ place: String?, _ type: String = "secretary_of") -> Relation {
            Relation(type: type, person: person, org: org, role: role, party: party, place: place)
        }
        let docs = [
            FoundDocument(id: "1", text: "", relations: [
                r("أ", "حزب الوفد", "أمين", "حزب الوفد", "الجيزة"),
                r("ب", "أمانة الشباب", "أمين", "حزب الوفد", nil),
                r("ج", "حزب النور", "أمين", "حزب النور", "أسوان"),
            ]),
            FoundDocument(id: "2", text: "", relations: [
                r("أ", "حزب الوفد", "أمين", "حزب الوفد", "الجيزة"),
                r("د", "حزب الوفد", "الأمين العام", "حزب الوفد", nil),
                r("هـ", "مجلس النواب", "رئيس", nil, nil, "head_of"),
            ]),
        ]
        let parties = PartyStructure(docs).parties
        #expect(parties.map(\.name) == ["حزب الوفد", "حزب النور", nil])
        let wafd = parties[0]
        #expect(wafd.bodies.map(\.name) == ["حزب الوفد", "أمانة الشباب"])
        #expect(wafd.bodies[0].isParty && !wafd.bodies[1].isParty)
        // The same post read twice is one post with both documents; central posts (no place) first.
        #expect(wafd.bodies[0].posts.map(\.person) == ["د", "أ"])
        #expect(wafd.bodies[0].posts[1].documents == [0, 1])
        #expect(wafd.postCount == 3)
        #expect(parties[2].bodies.first?.posts.first?.type == "head_of")
    }
}
