/// The cache file's layout. Every array is a `BinaryFileWriter` array (count, checksum, bytes):
///
///     magic, format version, byte-order mark                      UInt64, UInt32, UInt32
///     key: program fingerprint, source paths, sizes, hashes,      UInt64, strings, [UInt64], [UInt64],
///          whether each has a stamp, the stamps (7 words each)    [UInt8], [UInt64]
///     first tokens: pool, spans, hash table; steps                [UInt16], [UInt64], [UInt64], [Int32]
///     edges: slots, words, count                                  [UInt64], [UInt16], UInt64
///     terminals: offsets, entries                                 [Int32], [Int32]
///     entries: type, file and key names; per entry type, file,    strings ×3, [Int32] ×8,
///              line, canonical, form ends, forms, feature ends,   strings
///              features; the string pool
///     magic again                                                 UInt64
///
/// Integers are in the writing machine's byte order; the byte-order mark makes a file from a
/// machine of the other order read as foreign (and be rebuilt) rather than as garbage.
extension GazetteerCache {
    static let magic: UInt64 = 0x5241_5349_445F_475A  // "RASID_GZ"
    /// Bump on any change of layout or of what the arrays mean.
    static let formatVersion: UInt32 = 6
    static let byteOrderMark: UInt32 = 0x0102_0304

    static func write(_ g: Gazetteer, key: Key, to w: BinaryFileWriter) throws {
        try w.scalar(magic)
        try w.scalar(formatVersion)
        try w.scalar(byteOrderMark)

        try w.scalar(key.program)
        try w.strings(key.sources.map(\.path))
        try w.array(key.sources.map(\.size))
        try w.array(key.sources.map(\.hash))
        try w.array(key.sources.map { $0.stamp == nil ? 0 : 1 } as [UInt8])
        try w.array(key.sources.flatMap { $0.stamp?.words ?? Array(repeating: 0, count: FileStamp.wordCount) })

        try w.array(g.starts.pool)
        try w.array(g.starts.spans)
        try w.array(g.starts.table)
        try w.array(g.startSteps)
        try w.array(g.edges.slots)
        try w.array(g.edges.words)
        try w.scalar(UInt64(g.edges.count))
        try w.array(g.terminalOffsets)
        try w.array(g.terminalEntries)

        let e = g.entries.columns
        try w.strings(e.typeNames)
        try w.strings(e.fileNames)
        try w.strings(e.keyNames)
        for column in [e.types, e.files, e.lines, e.canonicals, e.formEnds, e.forms, e.featureEnds, e.features] {
            try w.array(column)
        }
        try w.pool(e.text)

        try w.scalar(magic)
    }

    /// Nil when the file was made from other sources (or by another program or format version);
    /// throws when it is damaged: a wrong count, checksum or index anywhere.
    static func read(_ r: BinaryFileReader, accepting accept: (Key) -> Bool) throws -> Gazetteer? {
        guard try r.scalar(UInt64.self) == magic else { throw r.corrupt("not a Rasid gazetteer cache") }
        guard try r.scalar(UInt32.self) == formatVersion, try r.scalar(UInt32.self) == byteOrderMark else { return nil }

        let program = try r.scalar(UInt64.self)
        let paths = try r.strings(), sizes = try r.array(UInt64.self), hashes = try r.array(UInt64.self)
        let stamped = try r.array(UInt8.self), stamps = try r.array(UInt64.self)
        guard paths.count == sizes.count, sizes.count == hashes.count, stamped.count == sizes.count,
              stamps.count == FileStamp.wordCount * sizes.count else { throw r.corrupt("bad key") }
        let stored = Key(program: program, sources: paths.indices.map { i in
            let words = stamps[(FileStamp.wordCount * i)..<(FileStamp.wordCount * (i + 1))]
            return Source(path: paths[i], size: sizes[i], hash: hashes[i], stamp: stamped[i] == 0 ? nil : FileStamp(words: words))
        })
        guard accept(stored) else { return nil }

        let pool = try r.array(UInt16.self), spans = try r.array(UInt64.self)
        let table = try r.array(UInt64.self), startSteps = try r.array(Int32.self)
        let slots = try r.array(UInt64.self), words = try r.array(UInt16.self)
        let edgeCount = try r.scalar(UInt64.self)
        let terminalOffsets = try r.array(Int32.self), terminalEntries = try r.array(Int32.self)
        let typeNames = try r.strings(), fileNames = try r.strings(), keyNames = try r.strings()
        var columns: [[Int32]] = []
        for _ in 0..<8 { columns.append(try r.array(Int32.self)) }
        let text = try r.pool()
        guard try r.scalar(UInt64.self) == magic, r.atEnd else { throw r.corrupt("bad ending") }

        let nodeCount = terminalOffsets.count - 1
        guard nodeCount >= 1, terminalOffsets[0] == 0, EntryTable.isRising(terminalOffsets, to: terminalEntries.count),
              let starts = TokenLexicon(pool: pool, spans: spans, table: table), startSteps.count == starts.count,
              startSteps.allSatisfy({ $0 >= 0 && Int($0 >> 1) < nodeCount }),
              edgeCount < UInt64(Int.max), let edges = EdgeTable(slots: slots, words: words, count: Int(edgeCount)),
              let entries = EntryTable(EntryTable.Columns(
                  typeNames: typeNames, fileNames: fileNames, keyNames: keyNames,
                  types: columns[0], files: columns[1], lines: columns[2], canonicals: columns[3],
                  formEnds: columns[4], forms: columns[5], featureEnds: columns[6], features: columns[7], text: text)),
              EntryTable.all(terminalEntries, below: entries.count)
        else { throw r.corrupt("inconsistent tables") }
        return Gazetteer(entries: entries, edges: edges, starts: starts, startSteps: startSteps,
                         terminalOffsets: terminalOffsets, terminalEntries: terminalEntries)
    }
}
