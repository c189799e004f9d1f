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
        var warnings: [String] = []
        func failure(_ idRaw: ArraySlice<UInt8>?, _ message: String) -> RecordOutcome {
            var e = JSONWriter()
            e.raw("{\"id\":")
            if let idRaw { e.raw(idRaw) } else { e.raw("null") }
            e.raw(",\"error\":{\"line\":"); e.number(lineNumber)
            e.raw(",\"message\":"); e.string(message)
            e.raw("}}\n")
            return RecordOutcome(bytes: e.bytes, error: "\(file):\(lineNumber): \(message)", warnings: warnings)
        }
        if line.count > maximumBytes {
            return Self.tooLarge(lineNumber: lineNumber, length: line.count, maximumBytes: maximumBytes, file: file)
        }
        // An output line is about four times its input (the text, then its entities with their
        // contexts): reserved at once, it is not copied to ever larger buffers while it is written.
        var w = JSONWriter(capacity: min(line.count, 1 << 20) * 4 + 512)
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
            do { extraction = try extract(text) } catch { return failure(nil, "\(error)") }
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
            let outcome: RecordOutcome? = line.withUnsafeBufferPointer { buffer in
                let record: JSONLineScanner.Record
                do { record = try JSONLineScanner.scan(buffer) } catch {
                    return failure(nil, "not a JSON object: \(error)")
                }
                let idMember = record.members.last { $0.key == "id" }
                let idRaw = idMember.map { line[$0.value] }
                guard let textMember = record.members.last(where: { $0.key == "text" }) else {
                    return failure(idRaw, "no \"text\" field")
                }
                guard line[textMember.value.lowerBound] == UInt8(ascii: "\"") else {
                    return failure(idRaw, "\"text\" is not a string")
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
                } catch { return failure(idRaw, "\(error)") }
                let extraction: Extraction
                do { extraction = try extract(text) } catch { return failure(idRaw, "\(error)") }

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
            if let outcome { return outcome }
        }
        return RecordOutcome(bytes: w.bytes, error: nil, warnings: warnings)
    }

    /// The error record of a line of `length` bytes, larger than `maximumBytes`.
    static func tooLarge(lineNumber: Int, length: Int, maximumBytes: Int, file: String) -> RecordOutcome {
        let message = "document of \(length) bytes is larger than the limit of \(maximumBytes)"
        var e = JSONWriter()
        e.raw("{\"id\":null,\"error\":{\"line\":"); e.number(lineNumber)
        e.raw(",\"message\":"); e.string(message)
        e.raw("}}\n")
        return RecordOutcome(bytes: e.bytes, error: "\(file):\(lineNumber): \(message)", warnings: [])
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
