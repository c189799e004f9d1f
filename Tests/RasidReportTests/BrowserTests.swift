import Foundation
import Rasid
import Testing
@testable import RasidReport

/// Headless Chromium from Debian's `chromium` package (or `RASID_CHROMIUM`).
enum Chromium {
    static let path: String? = {
        if let env = ProcessInfo.processInfo.environment["RASID_CHROMIUM"], !env.isEmpty {
            return FileManager.default.isExecutableFile(atPath: env) ? env : nil
        }
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
        for dir in dirs + ["/usr/bin"] {
            for name in ["chromium", "chromium-browser"] {
                let candidate = dir + "/" + name
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    static let missing = "Chromium not found: install it with `apt-get install -y chromium` (Debian) or set RASID_CHROMIUM"

    /// Runs Chromium headless on `page` with `arguments` and returns its standard output. Each run has
    /// its own profile folder, so runs in parallel do not share one; a run that hangs is killed after
    /// two minutes (and then fails on its missing output, not on a time measured).
    static func run(_ arguments: [String], page: URL) throws -> (status: Int32, stdout: Data, stderr: String) {
        let profile = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(profile.path)"] + arguments + [page.absoluteString]
        let out = Pipe()
        let errorLog = profile.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        let err = try FileHandle(forWritingTo: errorLog)
        defer { try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        // Read before waiting, so a full pipe cannot block the browser.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        let errors = (try? String(contentsOf: errorLog, encoding: .utf8)) ?? ""
        return (process.terminationStatus, stdout, errors)
    }
}

/// Renders a report of real extraction results and checks what Chromium makes of it: the DOM after
/// the page's own script ran, figures computed in the browser, and a screenshot. Skipped with a
/// message where Chromium is absent, except under `CI=true`, where that fails.
@Suite(.serialized) struct BrowserTests {
    /// The test samples, plus one text with emoji and markup before its entities.
    static func report() throws -> (documents: [FoundDocument], page: URL) {
        var lines = try sampleLines("eval/test.jsonl")
        lines.append(inputLine("emoji-<&>", "👨‍👩‍👧🇪🇬 <b>«عاجل»</b> & قال أمين المحافظة بحزب مستقبل وطن بالإسكندرية، المهندس سعيد عبدالعزيز عثمان، إن الحزب مستعد."))
        let documents = extract(lines)
        let page = try temporaryFolder().appendingPathComponent("report.html")
        try Data(HTMLReport(documents: documents).render().utf8).write(to: page)
        return (documents, page)
    }

    /// Skips (or, in CI, fails) without Chromium.
    static func requireChromium() throws {
        guard Chromium.path == nil else { return }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            try #require(Chromium.path != nil, Comment(rawValue: Chromium.missing + " (CI=true: the browser test must run)"))
        }
        try Test.cancel(Comment(rawValue: Chromium.missing))
    }

    /// Counted by the browser after layout and written into the page, so `--dump-dom` carries it out.
    static let probe = """
    <script>
    (function () {
      var out = { dir: document.documentElement.dir, lang: document.documentElement.lang,
                  direction: getComputedStyle(document.body).direction, spans: {}, misplaced: [],
                  backgrounds: {}, rows: document.querySelectorAll("#relations-table tbody tr").length,
                  parties: document.querySelectorAll("#structure details.party").length,
                  posts: document.querySelectorAll("#structure li.post").length,
                  docs: document.querySelectorAll("article.doc").length };
      document.querySelectorAll("article.doc").forEach(function (doc) {
        var box = doc.querySelector(".doc-text");
        box.querySelectorAll("span.ent").forEach(function (span) {
          var t = span.dataset.type;
          out.spans[t] = (out.spans[t] || 0) + 1;
          out.backgrounds[t] = getComputedStyle(span).backgroundColor;
          // The span's place in code points, as the browser sees the text before it.
          var range = document.createRange();
          range.setStart(box, 0);
          range.setEndBefore(span);
          var start = Array.from(range.toString()).length;
          var length = Array.from(span.textContent).length;
          if (start !== +span.dataset.start || start + length !== +span.dataset.end) {
            out.misplaced.push(doc.id + " " + span.dataset.start + " " + start);
          }
        });
      });
      var pre = document.createElement("pre");
      pre.id = "rasid-check";
      pre.textContent = JSON.stringify(out);
      document.body.appendChild(pre);
    })();
    </script>
    """

    @Test func chromiumRendersHighlightsRelationsAndPartyStructure() throws {
        try Self.requireChromium()
        let (documents, page) = try Self.report()
        // The report with the probe run after the report's own script.
        let html = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "</body>", with: Self.probe + "</body>")
        let probed = page.deletingLastPathComponent().appendingPathComponent("probed.html")
        try html.write(to: probed, atomically: true, encoding: .utf8)

        let result = try Chromium.run(["--dump-dom"], page: probed)
        try #require(result.status == 0, "chromium --dump-dom failed: \(result.stderr.suffix(2000))")
        let dom = String(decoding: result.stdout, as: UTF8.self)
        let json = try #require(dom.range(of: "<pre id=\"rasid-check\">").flatMap { start in
            dom[start.upperBound...].range(of: "</pre>").map { String(dom[start.upperBound..<$0.lowerBound]) }
        }, "the probe did not run: \(dom.prefix(500))")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(unescape(json).utf8)) as? [String: Any])

        #expect(figures["dir"] as? String == "rtl")
        #expect(figures["lang"] as? String == "ar")
        #expect(figures["direction"] as? String == "rtl")
        var expected: [String: Int] = [:]
        for d in documents { for e in d.entities { expected[e.type, default: 0] += 1 } }
        #expect(expected.values.reduce(0, +) > 300)
        #expect(figures["spans"] as? [String: Int] == expected)
        #expect(figures["misplaced"] as? [String] == [])
        #expect(figures["docs"] as? Int == documents.count)
        let relations = documents.flatMap(\.relations)
        #expect(relations.count > 50)
        #expect(figures["rows"] as? Int == relations.count)
        let parties = Set(relations.map(\.party))
        #expect(figures["parties"] as? Int == parties.count)
        #expect((figures["posts"] as? Int).map { $0 > 0 && $0 <= relations.count } == true)
        // Each type has its own colour, and the CSS applied.
        let backgrounds = figures["backgrounds"] as? [String: String] ?? [:]
        #expect(Set(backgrounds.values).count == expected.count)
        #expect(backgrounds["PERSON"] == "rgb(255, 216, 168)")
        // The text with markup in it stayed text.
        #expect(dom.contains("&lt;b&gt;«عاجل»&lt;/b&gt; &amp;"))
    }

    @Test func chromiumTakesAScreenshot() throws {
        try Self.requireChromium()
        let (_, page) = try Self.report()
        let png = page.deletingLastPathComponent().appendingPathComponent("report.png")
        let result = try Chromium.run(["--screenshot=\(png.path)", "--window-size=1280,1600"], page: page)
        try #require(result.status == 0, "chromium --screenshot failed: \(result.stderr.suffix(2000))")
        let data = try Data(contentsOf: png)
        #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        func word(_ at: Int) -> Int { data[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(word(16) == 1280 && word(20) == 1600)
        // A blank page of that size compresses to under 10 kB; text and colours take many times that.
        #expect(data.count > 50_000, "screenshot of \(data.count) bytes: is the page blank?")
    }

    /// `--dump-dom` serializes the probe's text as HTML: undo its escapes.
    func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
