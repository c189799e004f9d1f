// libFuzzer target over the entry point of `rasid extract`: the input is split into lines as
// `LineReader` splits a file, and every line goes through `PipelineWorker.process(line:…)` in both
// input formats, with a pipeline over the bundled gazetteers made once.
//
// Besides crashes (ASan, traps, precondition failures), the harness checks the output contract of
// ANNOTATION.md and issue 7 on every line and traps when it is broken:
// - exactly one output line, ending in `\n`, valid UTF-8, a JSON object;
// - an error record has `error.line` equal to the input line number;
// - otherwise every entity's offsets lie inside `text` and its `text` is exactly the code-point
//   slice of the output's `text`; in the text format `text` is the line itself (invalid UTF-8 →
//   U+FFFD).
//
// Built by `Fuzz/run.sh` with `swiftc -sanitize=fuzzer,address -parse-as-library`.
import Foundation
import Rasid

nonisolated(unsafe) private var sharedWorker: PipelineWorker?

private func worker() -> PipelineWorker {
    if let w = sharedWorker { return w }
    do {
        // RASID_FUZZ_RULES: a rules folder to use instead of the bundled one (to fuzz your own).
        var configuration = Configuration()
        if let rules = ProcessInfo.processInfo.environment["RASID_FUZZ_RULES"], !rules.isEmpty {
            configuration.rulesDirectory = URL(fileURLWithPath: rules)
        }
        let w = try Pipeline(configuration).makeWorker()
        sharedWorker = w
        return w
    } catch {
        fatalError("cannot load the bundled pipeline: \(error)")
    }
}

private func fail(_ what: String, _ line: [UInt8], _ output: [UInt8]) -> Never {
    let input = String(decoding: line.prefix(400), as: UTF8.self)
    let out = String(decoding: output.prefix(600), as: UTF8.self)
    fatalError("contract broken: \(what)\n  input: \(input.debugDescription)\n  output: \(out.debugDescription)")
}

/// `json` as Foundation's JSON reader reads it right; the meaning is unchanged.
///
/// - A lone surrogate escape (`\ud800` without its pair) is written `\ufffd`. Rasid copies
///   members it does not own byte for byte, and such an escape is JSON by the grammar, but
///   Foundation's reader refuses it; the harness accepts such output as it accepts the input.
///   (`text` itself never keeps one: Rasid rewrites it, which the slice check verifies.)
/// - A raw U+FEFF is written `\ufeff`: Foundation's reader drops a raw U+FEFF at the start of a
///   string or right after an escape sequence (`"\"<U+FEFF>x"` reads as `"x`), which would shift
///   every offset after it (swiftlang/swift-foundation#300); escaped, it is kept.
private func forFoundation(_ json: [UInt8]) -> [UInt8] {
    func hex(_ i: Int) -> UInt32? {
        guard i + 6 <= json.count, json[i] == 0x5C, json[i + 1] == UInt8(ascii: "u") else { return nil }
        return UInt32(String(decoding: json[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16)
    }
    var out: [UInt8] = []
    out.reserveCapacity(json.count)
    var i = 0
    while i < json.count {
        if json[i] == 0xEF, i + 2 < json.count, json[i + 1] == 0xBB, json[i + 2] == 0xBF {
            out += Array("\\ufeff".utf8); i += 3; continue
        }
        guard json[i] == 0x5C else { out.append(json[i]); i += 1; continue }
        guard let v = hex(i) else { out += json[i..<min(i + 2, json.count)]; i += 2; continue }
        if v >= 0xD800 && v < 0xDC00, let low = hex(i + 6), low >= 0xDC00 && low < 0xE000 {
            out += json[i..<(i + 12)]; i += 12; continue
        }
        out += (v >= 0xD800 && v < 0xE000) ? Array("\\ufffd".utf8) : Array(json[i..<(i + 6)])
        i += 6
    }
    return out
}

private func check(_ outcome: RecordOutcome, line: [UInt8], number: Int, format: InputFormat) {
    let out = outcome.bytes
    guard out.last == 0x0A, out.dropLast().firstIndex(of: 0x0A) == nil else { fail("not exactly one line", line, out) }
    guard String(validating: out, as: UTF8.self) != nil else { fail("output is not valid UTF-8", line, out) }
    let parsed: Any
    do { parsed = try JSONSerialization.jsonObject(with: Data(forFoundation(out))) } catch { fail("output is not JSON: \(error)", line, out) }
    guard let record = parsed as? [String: Any] else { fail("output is not a JSON object", line, out) }
    if outcome.error != nil {
        guard let error = record["error"] as? [String: Any], error["line"] as? Int == number,
              error["message"] is String else { fail("malformed error record", line, out) }
        return
    }
    guard let text = record["text"] as? String, let entities = record["entities"] as? [[String: Any]],
          record["relations"] is [Any] else { fail("record without text, entities or relations", line, out) }
    if format == .text, text != String(decoding: line, as: UTF8.self) { fail("text format: text is not the line", line, out) }
    let scalars = Array(text.unicodeScalars)
    for entity in entities {
        guard let start = entity["start"] as? Int, let end = entity["end"] as? Int, let slice = entity["text"] as? String,
              0 <= start, start < end, end <= scalars.count else { fail("entity offsets out of range", line, out) }
        guard String(String.UnicodeScalarView(scalars[start..<end])) == slice else {
            fail("entity text is not the slice [\(start), \(end)) of text", line, out)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func rasidFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let w = worker()
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Lines as `LineReader` returns them: split at `\n`, a final `\r` removed, no line after a final `\n`.
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> [UInt8] in
        var l = Array(line)
        if l.last == 0x0D { l.removeLast() }
        return l
    }
    if bytes.last == 0x0A || bytes.isEmpty { lines.removeLast() }
    for (k, line) in lines.enumerated() {
        let number = k + 1
        for format in InputFormat.allCases {
            // `BatchRunner` skips blank lines in JSON Lines; so does the harness.
            if format == .jsonl && line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let outcome = w.process(line: line, lineNumber: number, format: format, file: "fuzz")
            check(outcome, line: line, number: number, format: format)
        }
    }
    return 0
}
