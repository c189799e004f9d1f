import Foundation
import Rasid
import RasidTestSupport
import Testing
@testable import RasidEvaluation

/// Checks `EntityScorer` against the Python package nervaluate, the reference `ANNOTATION.md` names.
///
/// The Python comes from `RASID_NERVALUATE_PYTHON` (CI sets it); otherwise a venv is made under the
/// temporary directory with the version pinned in `eval/tools/requirements.txt`. Without either
/// (no network), the test fails when `CI=true` and is cancelled with a message elsewhere.
@Suite struct NervaluateCheckTests {
    static let pinnedVersion = "1.2.1"

    /// The python with nervaluate, or nil when the test was recorded as failed (CI) or cancelled.
    static func python() throws -> String? {
        switch findPython() {
        case .success(let path): return path
        case .failure(let reason):
            let message = "nervaluate \(pinnedVersion) is not available (\(reason.description)); set RASID_NERVALUATE_PYTHON to a python with `pip install nervaluate==\(pinnedVersion)`"
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record(Comment(rawValue: message))
                return nil
            }
            try Test.cancel(Comment(rawValue: message))
        }
    }

    @Test func figuresEqualNervaluates() throws {
        guard let python = try Self.python() else { return }
        let (gold, predicted) = Self.corpus()
        let scores = EntityScorer().score(gold: gold.map(\.entities), predicted: predicted.map(\.entities))
        // The perturbations must make the schemes disagree, or the comparison proves little.
        let f1s = Scheme.allCases.map { scores.overall($0).f1 }
        #expect(Set(f1s).count == 4, "the four schemes give \(f1s)")
        try compareWithNervaluate(python, gold: gold, predicted: predicted, scores: scores)
    }

    /// The figures `rasid eval --gold eval/test.jsonl` prints (extraction with the bundled data)
    /// are nervaluate's.
    @Test func evalTestFiguresEqualNervaluates() throws {
        guard let python = try Self.python() else { return }
        let gold = try AnnotatedCorpus.read(path: repositoryRoot.appendingPathComponent("eval/test.jsonl").path)
        let predicted = try Evaluation.extract(gold, using: Pipeline().makeWorker())
        let scores = EntityScorer().score(gold: gold.map(\.entities), predicted: predicted.map(\.entities))
        #expect(scores.overall(.strict).actual > 300)
        try compareWithNervaluate(python, gold: gold, predicted: predicted, scores: scores)
    }

    private func compareWithNervaluate(_ python: String, gold: [AnnotatedDocument], predicted: [AnnotatedDocument],
                                       scores: EntityScores) throws {
        let folder = try temporaryFolder()
        let goldURL = folder.appendingPathComponent("gold.jsonl"), predURL = folder.appendingPathComponent("pred.jsonl")
        try AnnotatedCorpus.jsonLines(gold).write(to: goldURL, atomically: true, encoding: .utf8)
        try AnnotatedCorpus.jsonLines(predicted).write(to: predURL, atomically: true, encoding: .utf8)
        let script = repositoryRoot.appendingPathComponent("eval/tools/nervaluate_check.py").path
        let (status, output, errors) = try Self.run(python, [script, goldURL.path, predURL.path])
        try #require(status == 0, "nervaluate_check.py failed: \(errors)")
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(reference["nervaluate"] as? String == Self.pinnedVersion)

        func compare(_ ours: Score, _ theirs: [String: Any]?, _ name: String) {
            guard let theirs else { Issue.record("nervaluate has no \(name)"); return }
            let counts: [(String, Int)] = [("correct", ours.correct), ("incorrect", ours.incorrect), ("partial", ours.partial),
                                           ("missed", ours.missed), ("spurious", ours.spurious), ("possible", ours.possible),
                                           ("actual", ours.actual)]
            for (key, value) in counts {
                #expect((theirs[key] as? NSNumber)?.intValue == value, "\(name) \(key)")
            }
            for (key, value) in [("precision", ours.precision), ("recall", ours.recall), ("f1", ours.f1)] {
                let expected = (theirs[key] as? NSNumber)?.doubleValue ?? .nan
                #expect(abs(expected - value) <= 1e-9, "\(name) \(key): nervaluate \(expected), Rasid \(value)")
            }
        }
        let overall = reference["overall"] as? [String: [String: Any]] ?? [:]
        let byType = reference["entities"] as? [String: [String: [String: Any]]] ?? [:]
        #expect(Set(byType.keys) == Set(scores.byType.keys))
        for scheme in Scheme.allCases {
            compare(scores.overall(scheme), overall[scheme.rawValue], "overall \(scheme.rawValue)")
            for type in scores.byType.keys.sorted() {
                compare(scores.byType[type]![scheme.rawValue]!, byType[type]?[scheme.rawValue], "\(type) \(scheme.rawValue)")
            }
        }
    }

    // MARK: The corpus

    /// Synthetic gold and predictions made from it by seeded perturbation: dropped entities, shifted
    /// boundaries, other types, both, duplicates, spans joining two entities, split entities, spurious
    /// ones, types outside the scored list, swapped order, and a long entity touched by one code point.
    static func corpus() -> (gold: [AnnotatedDocument], predicted: [AnnotatedDocument]) {
        var rng = SplitMix64(seed: 20_250_105)
        let types = ["PERSON", "TITLE", "PARTY", "PLACE", "ORG"]
        var gold: [AnnotatedDocument] = [syntheticDocument(id: "empty-gold", length: 30, [])]
        var predicted: [AnnotatedDocument] = [syntheticDocument(id: "empty-gold", length: 30, [(3, 8, "PLACE")])]
        for d in 0..<60 {
            var spans: [(Int, Int, String)] = []
            var position = 0
            for _ in 0..<rng.below(12) {
                position += 1 + rng.below(5)
                let length = d == 7 && spans.isEmpty ? 150 : 1 + rng.below(8)
                spans.append((position, position + length, types[rng.below(5)]))
                position += length
            }
            let length = position + 10
            gold.append(syntheticDocument(id: "doc-\(d)", length: length, spans))

            var p: [(Int, Int, String)] = []
            func otherType(_ t: String) -> String { types.filter { $0 != t }[rng.below(4)] }
            func shifted(_ s: (Int, Int, String)) -> (Int, Int, String) {
                let delta = 1 + rng.below(2)
                if rng.below(2) == 0 { return (max(0, s.0 + (rng.below(2) == 0 ? -delta : delta)), s.1, s.2) }
                return (s.0, s.1 + (rng.below(2) == 0 ? -delta : delta), s.2)
            }
            for (k, s) in spans.enumerated() {
                switch rng.below(100) {
                case 0..<40: p.append(s)
                case 40..<50: break
                case 50..<60: p.append(shifted(s))
                case 60..<70: p.append((s.0, s.1, otherType(s.2)))
                case 70..<77: let t = shifted(s); p.append((t.0, t.1, otherType(s.2)))
                case 77..<83: p.append(s); p.append(shifted(s))
                case 83..<89: p.append((s.0, k + 1 < spans.count ? spans[k + 1].1 : s.1 + 3, s.2))
                case 89..<95 where s.1 - s.0 >= 2:
                    let middle = (s.0 + s.1) / 2
                    p.append((s.0, middle, s.2)); p.append((middle, s.1, s.2))
                default: p.append((s.0, s.1, "MISC"))
                }
            }
            if d == 7, let long = spans.first { p.append((long.1 - 1, long.1 + 1, long.2)) }
            for _ in 0..<rng.below(3) {
                let start = rng.below(length - 2)
                p.append((start, start + 1 + rng.below(2), types[rng.below(5)]))
            }
            if p.count >= 2 && rng.below(3) == 0 { p.swapAt(0, rng.below(p.count)) }
            p = p.filter { $0.0 < $0.1 }
            predicted.append(syntheticDocument(id: "doc-\(d)", length: length, p))
        }
        // A gold document with no prediction at all.
        gold.append(syntheticDocument(id: "unpredicted", length: 20, [(2, 6, "ORG")]))
        return (gold, predicted + [syntheticDocument(id: "unpredicted", length: 20, [])])
    }

    // MARK: Python

    struct Unavailable: Error, CustomStringConvertible { let description: String }

    /// RASID_NERVALUATE_PYTHON, or a venv with nervaluate made (once) under the temporary directory.
    static func findPython() -> Result<String, Unavailable> {
        let environment = ProcessInfo.processInfo.environment
        if let python = environment["RASID_NERVALUATE_PYTHON"], !python.isEmpty {
            return .success(python)
        }
        let venv = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-nervaluate-\(pinnedVersion)")
        let python = venv.appendingPathComponent("bin/python").path
        if let (status, _, _) = try? run(python, ["-c", "import nervaluate"]), status == 0 { return .success(python) }
        do {
            let (madeVenv, _, venvErrors) = try run("/usr/bin/env", ["python3", "-m", "venv", venv.path])
            guard madeVenv == 0 else { return .failure(Unavailable(description: "python3 -m venv failed: \(venvErrors)")) }
            let (installed, _, pipErrors) = try run(python, ["-m", "pip", "install", "--quiet", "nervaluate==\(pinnedVersion)"])
            guard installed == 0 else { return .failure(Unavailable(description: "pip install failed: \(pipErrors.suffix(300))")) }
            return .success(python)
        } catch {
            return .failure(Unavailable(description: "\(error)"))
        }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a full pipe cannot block the child.
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}

