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
            return failure(nil, "document of \(line.count) bytes is larger than the limit of \(maximumBytes)")
        }

        switch format {
        case .text:
            let text = String(decoding: line, as: UTF8.self)
            if String(validating: line, as: UTF8.self) == nil {
                warnings.append("\(file):\(lineNumber): invalid UTF-8 replaced by U+FFFD")
            }
            let extraction: Extraction
            do { extraction = try extract(text) } catch { return failure(nil, "\(error)") }
            w.raw("{\"id\":"); w.string(String(lineNumber))
            w.raw(",\"text\":"); w.string(text)
            write(extraction, to: &w)

        case .jsonl:
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
                do {
                    let (decoded, replaced) = try JSONLineScanner.decodeString(buffer, textMember.value)
                    text = decoded
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
                    w.raw(line[member.raw])
                    first = false
                }
                write(extraction, to: &w)
                return nil
            }
            if let outcome { return outcome }
        }
        return RecordOutcome(bytes: w.bytes, error: nil, warnings: warnings)
    }

    private func write(_ extraction: Extraction, to w: inout JSONWriter) {
        w.raw(",\"entities\":")
        ExtractionEncoder.writeEntities(extraction.entities, to: &w)
        w.raw(",\"relations\":")
        ExtractionEncoder.writeRelations(extraction.relations, to: &w)
        w.raw("}\n")
    }
}
