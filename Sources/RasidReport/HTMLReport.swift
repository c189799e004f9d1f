import Rasid

/// One self-contained, right-to-left HTML page over extraction results: the documents with their
/// entities highlighted by type (provenance on hover), a table of relations, and each party's
/// structure. No network: styles and script are inline, fonts are the reader's own.
public struct HTMLReport {
    public var documents: [FoundDocument]
    public var title: String

    public init(documents: [FoundDocument], title: String = "تقرير راصد") {
        self.documents = documents
        self.title = title
    }

    /// The whole page, UTF-8 text.
    public func render() -> String {
        let styles = EntityStyle.styles(for: Set(documents.flatMap { $0.entities.map(\.type) }))
        var counts: [String: Int] = [:]
        for d in documents { for e in d.entities { counts[e.type, default: 0] += 1 } }
        let relationCount = documents.reduce(0) { $0 + $1.relations.count }

        var page = """
        <!DOCTYPE html>
        <html lang="ar" dir="rtl">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
        <meta name="generator" content="rasid render">
        <title>\(HTML.escape(title))</title>
        <style>
        \(Self.css)
        \(styles.map { "\n.\($0.cssClass) { background: \($0.background); border-bottom-color: \($0.border); }" }.joined())
        \(styles.map { "\nbody.off-\($0.cssClass) .doc-text .\($0.cssClass) { background: none; border-bottom-color: transparent; }" }.joined())
        </style>
        </head>
        <body>
        <header>
        <h1>\(HTML.escape(title))</h1>
        <p class="summary"><span id="document-count">\(documents.count)</span> وثيقة · \
        <span id="entity-count">\(counts.values.reduce(0, +))</span> كيان · \
        <span id="relation-count">\(relationCount)</span> علاقة</p>
        <nav><a href="#structure">بنية الأحزاب</a> · <a href="#relations">العلاقات</a> · <a href="#documents">الوثائق</a></nav>
        <div class="legend" id="legend">\n
        """
        for style in styles {
            page += """
            <label class="legend-item"><input type="checkbox" checked data-class="\(style.cssClass)">\
            <span class="ent \(style.cssClass)" data-legend="\(HTML.escape(style.type))">\(HTML.escape(style.label))</span> \
            <bdi class="code">\(HTML.escape(style.type))</bdi> <span class="count">\(counts[style.type] ?? 0)</span></label>\n
            """
        }
        page += "</div>\n</header>\n<main>\n"
        page += structureSection()
        page += relationsSection()
        page += documentsSection(styles)
        page += "</main>\n<script>\n\(Self.script)\n</script>\n</body>\n</html>\n"
        return page
    }

    // MARK: Sections

    func structureSection() -> String {
        let structure = PartyStructure(documents)
        var out = "<section id=\"structure\">\n<h2>بنية الأحزاب</h2>\n"
        if structure.parties.isEmpty { out += "<p class=\"empty\">لا علاقات.</p>\n" }
        for party in structure.parties {
            let name = party.name ?? "بلا حزب"
            out += "<details class=\"party\" open data-party=\"\(HTML.escape(party.name ?? ""))\">\n"
            out += "<summary><span class=\"party-name\">\(HTML.escape(name))</span> <span class=\"count\">\(party.postCount)</span></summary>\n"
            for body in party.bodies {
                out += "<div class=\"body\(body.isParty ? " party-level" : "")\" data-body=\"\(HTML.escape(body.name))\">\n"
                out += "<h4>\(HTML.escape(body.isParty ? "مناصب الحزب" : body.name))</h4>\n<ul class=\"posts\">\n"
                for post in body.posts {
                    let links = post.documents.map { "<a href=\"#doc-\($0 + 1)\"><bdi>\(HTML.escape(documents[$0].id))</bdi></a>" }
                        .joined(separator: " ")
                    out += "<li class=\"post\" data-type=\"\(HTML.escape(post.type))\"><span class=\"person\">\(HTML.escape(post.person))</span>"
                    if let role = post.role { out += " — <span class=\"role\">\(HTML.escape(role))</span>" }
                    if let place = post.place { out += " · <span class=\"place\">\(HTML.escape(place))</span>" }
                    if post.type != "secretary_of" {
                        out += " <span class=\"rel-type\">\(HTML.escape(EntityStyle.relationLabels[post.type] ?? post.type))</span>"
                    }
                    out += " <span class=\"docs\">\(links)</span></li>\n"
                }
                out += "</ul>\n</div>\n"
            }
            out += "</details>\n"
        }
        return out + "</section>\n"
    }

    func relationsSection() -> String {
        var out = """
        <section id="relations">
        <h2>العلاقات</h2>
        <input type="search" id="relation-filter" placeholder="تصفية…" aria-label="تصفية العلاقات">
        <table id="relations-table">
        <thead><tr><th>الشخص</th><th>المنصب</th><th>الهيئة</th><th>الحزب</th><th>المكان</th><th>الوثيقة</th><th>العلاقة</th></tr></thead>
        <tbody>\n
        """
        for (index, document) in documents.enumerated() {
            let slicer = ScalarSlicer(document.text)
            for r in document.relations {
                var provenance = "\(r.type) — \(EntityStyle.relationLabels[r.type] ?? r.type)"
                if let source = r.source { provenance += "\nsource: \(source)" }
                if let t = r.trigger, let words = slicer.slice(t) { provenance += "\ntrigger: \(words)" }
                if let e = r.evidence, let sentence = slicer.slice(e) { provenance += "\nevidence [\(e.lowerBound), \(e.upperBound)): \(sentence)" }
                func cell(_ s: String?, _ cls: String) -> String {
                    "<td class=\"\(cls)\">\(s.map(HTML.escape) ?? "")</td>"
                }
                out += "<tr class=\"relation\" data-type=\"\(HTML.escape(r.type))\" title=\"\(HTML.attribute(provenance))\">"
                out += cell(r.person, "person") + cell(r.role, "role") + cell(r.org, "org") + cell(r.party, "party") + cell(r.place, "place")
                out += "<td class=\"doc\"><a href=\"#doc-\(index + 1)\"><bdi>\(HTML.escape(document.id))</bdi></a></td>"
                out += "<td class=\"type\"><bdi>\(HTML.escape(r.type))</bdi></td></tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    func documentsSection(_ styles: [EntityStyle]) -> String {
        let classes = Dictionary(uniqueKeysWithValues: styles.map { ($0.type, $0.cssClass) })
        var out = "<section id=\"documents\">\n<h2>الوثائق</h2>\n"
        for (index, document) in documents.enumerated() {
            out += "<article class=\"doc\" id=\"doc-\(index + 1)\" data-id=\"\(HTML.escape(document.id))\">\n"
            out += "<h3><bdi>\(HTML.escape(document.id))</bdi> <span class=\"count\">\(document.entities.count) كيان · \(document.relations.count) علاقة</span></h3>\n"
            if let fields = document.fieldsJSON { out += "<p class=\"fields\" dir=\"ltr\">\(HTML.escape(fields))</p>\n" }
            let (html, overlapping) = highlighted(document, classes: classes)
            out += "<div class=\"doc-text\">\(html)</div>\n"
            if !overlapping.isEmpty {
                out += "<p class=\"overlap\">كيانات متداخلة لم تُلوَّن: "
                out += overlapping.map { "\(HTML.escape($0.type)) «\(HTML.escape($0.text))» [\($0.start), \($0.end))" }.joined(separator: "، ")
                out += "</p>\n"
            }
            out += "</article>\n"
        }
        return out + "</section>\n"
    }

    /// The document's text with each entity in a `<span>`, sliced by code points; entities that
    /// overlap one already shown (the output contract has none) are returned instead of shown.
    func highlighted(_ document: FoundDocument, classes: [String: String]) -> (html: String, overlapping: [Entity]) {
        let scalars = Array(document.text.unicodeScalars)
        func text(_ a: Int, _ b: Int) -> String { HTML.escape(String(String.UnicodeScalarView(scalars[a..<b]))) }
        var html = ""
        var overlapping: [Entity] = []
        var position = 0
        for e in document.entities.sorted(by: { ($0.start, -$0.end) < ($1.start, -$1.end) }) {
            guard e.start >= position, e.end <= scalars.count else { overlapping.append(e); continue }
            html += text(position, e.start)
            html += "<span class=\"ent \(classes[e.type] ?? "")\" data-type=\"\(HTML.escape(e.type))\" "
            html += "data-start=\"\(e.start)\" data-end=\"\(e.end)\" title=\"\(HTML.attribute(Self.provenance(e)))\">"
            html += text(e.start, e.end) + "</span>"
            position = e.end
        }
        return (html + text(position, scalars.count), overlapping)
    }

    /// What the hover shows: type, source, canonical form, features.
    static func provenance(_ e: Entity) -> String {
        var lines = [e.type]
        if !e.source.isEmpty { lines.append("source: \(e.source)") }
        if let canonical = e.canonical { lines.append("canonical: \(canonical)") }
        for key in e.features.keys.sorted() { lines.append("\(key): \(e.features[key]!)") }
        return lines.joined(separator: "\n")
    }
}

/// Cuts code-point ranges out of a text; nil for a range outside it.
struct ScalarSlicer {
    let scalars: [Unicode.Scalar]
    init(_ text: String) { scalars = Array(text.unicodeScalars) }
    func slice(_ range: Range<Int>) -> String? {
        guard range.lowerBound >= 0, range.upperBound <= scalars.count else { return nil }
        return String(String.UnicodeScalarView(scalars[range]))
    }
}
