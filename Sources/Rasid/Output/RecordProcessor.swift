/// Turns one input line into exactly one output line: the document with its entities and relations,
/// or an error record naming the line. Nothing is lost and nothing is fatal.
public struct RecordOutcome: Sendable {
    /// The output line, with its `\n`.
    public var bytes: [UInt8]
    /// An error message when the line could not be processed.
    public var error: String?
    /// Warnings (replaced invalid UTF-8 …).
    public var warnings: [String]
}

extension PipelineWorker {
    /// The members Rasid writes itself; an input's own are replaced, not repeated.
    static let ownedKeys: Set<String> = ["entities", "relations"]

    /// Processes one input line. `lineNumber` counts from 1; `file` names the input in messages.
    public func process(line: [UInt8], lineNumber: Int, format: InputFormat, file: String,
                        maximumBytes: Int = 10 << 20) -> RecordOutcome {
        var w = JSONWriter()
        let report = process(line: line, lineNumber: lineNumber, format: format, file: file, maximumBytes: maximumBytes, to: &w)
        return RecordOutcome(bytes: w.bytes, error: report.error, warnings: report.warnings)
    }

    /// What processing a line says besides its output line.
    struct Report {
        /// An error message when the line could not be processed (its output is an error record).
        var error: String?
        var warnings: [String] = []
    }

    /// `process(line:…)`, its output line appended to `w`: a run with one job writes every line
    /// into its output buffer, not into an array of its own copied there (a copy of all output,
    /// about 3M instructions on c1).
    func process(line: [UInt8], lineNumber: Int, format: InputFormat, file: String,
                 maximumBytes: Int, to w: inout JSONWriter) -> Report {
        var warnings: [String] = []
        // Where this line's output starts: an error found while it is written replaces what was.
        let lineStart = w.count
        func failure(_ idRaw: ArraySlice<UInt8>?, _ message: String, to w: inout JSONWriter) -> Report {
            w.removeLast(w.count - lineStart)
            w.raw("{\"id\":")
            if let idRaw { w.raw(idRaw) } else { w.raw("null") }
            w.raw(",\"error\":{\"line\":"); w.number(lineNumber)
            w.raw(",\"message\":"); w.string(message)
            w.raw("}}\n")
            return Report(error: "\(file):\(lineNumber): \(message)", warnings: warnings)
        }
        if line.count > maximumBytes {
            return Self.tooLarge(lineNumber: lineNumber, length: line.count, maximumBytes: maximumBytes, file: file, to: &w)
        }
        // An output line is about four times its input (the text, then its entities with their
        // contexts): reserved at once, it is not copied to ever larger buffers while it is written.
        w.reserve(min(line.count, 1 << 20) * 4 + 512)
        let lineIsValid = line.withUnsafeBufferPointer { UTF8Validation.isValid($0) }

        switch format {
        case .text:
            let text = lineIsValid
                ? line.withUnsafeBufferPointer { UTF8Validation.string(validated: $0) }
                : String(decoding: line, as: UTF8.self)
            if !lineIsValid {
                warnings.append("\(file):\(lineNumber): invalid UTF-8 replaced by U+FFFD")
            }
            let extraction: Extraction
            do { extraction = try extract(text) } catch { return failure(nil, "\(error)", to: &w) }
            w.raw("{\"id\":"); w.string(String(lineNumber))
            w.raw(",\"text\":"); w.string(text)
            write(extraction, to: &w)

        case .jsonl:
            // Robustness: invalid UTF-8 anywhere in the line is replaced by U+FFFD before scanning.
            // Members are copied to the output byte for byte, so without this the output line would
            // carry the invalid bytes (invalid JSON for strict readers) and its `text` would not be
            // the text the offsets count in. Replacement never consumes an ASCII byte, so the JSON
            // structure is unchanged.
            var line = line
            var repaired = 0
            if !lineIsValid { (line, repaired) = Self.replacingInvalidUTF8(line) }
            // From here on `line` is valid UTF-8 (a repaired line by construction).
            let failed: Report? = line.withUnsafeBufferPointer { buffer in
                let record: JSONLineScanner.Record
                do { record = try JSONLineScanner.scan(buffer) } catch {
                    return failure(nil, "not a JSON object: \(error)", to: &w)
                }
                let idMember = record.members.last { $0.key == "id" }
                let idRaw = idMember.map { line[$0.value] }
                guard let textMember = record.members.last(where: { $0.key == "text" }) else {
                    return failure(idRaw, "no \"text\" field", to: &w)
                }
                guard line[textMember.value.lowerBound] == UInt8(ascii: "\"") else {
                    return failure(idRaw, "\"text\" is not a string", to: &w)
                }
                let text: String
                // True when the decoded text differs from what a JSON reader makes of the raw member
                // (a lone surrogate escape became U+FFFD): then `text` is written re-encoded, so the
                // output's text is exactly the one the offsets count in.
                var rewriteText = false
                do {
                    var (decoded, replaced) = try JSONLineScanner.decodeString(buffer, textMember.value, lineIsValidUTF8: true, scanned: true)
                    text = decoded
                    rewriteText = replaced > 0
                    replaced += repaired
                    if replaced > 0 {
                        let id = idRaw.map { String(decoding: $0, as: UTF8.self) } ?? "?"
                        warnings.append("\(file):\(lineNumber): document \(id): \(replaced) invalid UTF-8 sequence(s) replaced by U+FFFD")
                    }
                } catch { return failure(idRaw, "\(error)", to: &w) }
                let extraction: Extraction
                do { extraction = try extract(text) } catch { return failure(idRaw, "\(error)", to: &w) }

                w.raw("{")
                var first = true
                if idMember == nil {
                    w.raw("\"id\":"); w.string(String(lineNumber)); first = false
                }
                for member in record.members where !Self.ownedKeys.contains(member.key) {
                    if !first { w.raw(",") }
                    if rewriteText && member.value == textMember.value {
                        w.raw("\"text\":"); w.string(text)
                    } else {
                        w.raw(line[member.raw])
                    }
                    first = false
                }
                write(extraction, to: &w)
                return nil
            }
            if let failed { return failed }
        }
        return Report(error: nil, warnings: warnings)
    }

    /// The error record of a line of `length` bytes, larger than `maximumBytes`, appended to `w`.
    static func tooLarge(lineNumber: Int, length: Int, maximumBytes: Int, file: String, to w: inout JSONWriter) -> Report {
        let message = "document of \(length) bytes is larger than the limit of \(maximumBytes)"
        w.raw("{\"id\":null,\"error\":{\"line\":"); w.number(lineNumber)
        w.raw(",\"message\":"); w.string(message)
        w.raw("}}\n")
        return Report(error: "\(file):\(lineNumber): \(message)")
    }

    /// `bytes` with every invalid UTF-8 sequence replaced by U+FFFD (as `String(decoding:as:)`
    /// does), and how many were replaced.
    static func replacingInvalidUTF8(_ bytes: [UInt8]) -> ([UInt8], Int) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var replaced = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): UTF8.encode(scalar) { out.append($0) }
            case .emptyInput: break loop
            case .error:
                replaced += 1
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            }
        }
        return (out, replaced)
    }

    private func write(_ extraction: Extraction, to w: inout JSONWriter) {
        w.raw(",\"entities\":")
        ExtractionEncoder.writeEntities(extraction.entities, to: &w)
        w.raw(",\"relations\":")
        ExtractionEncoder.writeRelations(extraction.relations, to: &w)
        w.raw("}\n")
    }
}
