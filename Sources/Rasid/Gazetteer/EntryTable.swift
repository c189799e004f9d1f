/// A gazetteer's entries, column by column in flat arrays, made into `GazetteerEntry` values on demand.
///
/// A million `GazetteerEntry` values hold several million heap objects (strings, arrays, a
/// dictionary each): hundreds of megabytes, and more than a second just to create them. Here an
/// entry is a few integers: its type, file and feature keys index small name tables, its spellings,
/// canonical form and feature values are numbers in one `StringPool`. The flat arrays are also what
/// the gazetteer cache copies to and from disk in one piece each.
struct EntryTable: Sendable {
    /// The few distinct types, source files and feature keys, as `String`s ready to hand out.
    private(set) var typeNames: [String] = []
    private(set) var fileNames: [String] = []
    private(set) var keyNames: [String] = []
    /// Per entry: index into `typeNames`, into `fileNames`, the line (0 when the source had none),
    /// and the canonical form's id in `text`.
    private(set) var types: [Int32] = []
    private(set) var files: [Int32] = []
    private(set) var lines: [Int32] = []
    private(set) var canonicals: [Int32] = []
    /// Entry `i`'s spellings are `forms[formEnds[i - 1] ..< formEnds[i]]` (ids in `text`); its
    /// features are the (key index, value id) pairs in `features[2 * featureEnds[i - 1] ..< 2 * featureEnds[i]]`.
    private(set) var formEnds: [Int32] = []
    private(set) var forms: [Int32] = []
    private(set) var featureEnds: [Int32] = []
    private(set) var features: [Int32] = []
    /// Spellings, canonical forms and feature values.
    private(set) var text = StringPool()

    // Building only: where each name already sits in its table.
    private var typeIndex: [String: Int32] = [:]
    private var fileIndex: [String: Int32] = [:]
    private var keyIndex: [String: Int32] = [:]

    init() {}

    var count: Int { types.count }

    mutating func append(_ entry: GazetteerEntry) {
        let (file, line) = Self.splitSource(entry.source)
        types.append(Self.index(of: entry.type, in: &typeNames, &typeIndex))
        files.append(Self.index(of: file, in: &fileNames, &fileIndex))
        lines.append(line)
        var first: Int32 = -1
        for form in entry.forms {
            let id = text.append(form)
            if first < 0 { first = id }
            forms.append(id)
        }
        formEnds.append(Int32(forms.count))
        // The first spelling is the canonical form unless the line says otherwise: share its string.
        // Compared byte for byte, not with `==`, which would also share a canonically equivalent
        // spelling in other bytes (and is several times slower on Arabic).
        let sameAsFirst = first >= 0 && entry.canonical.utf8.elementsEqual(entry.forms[0].utf8)
        canonicals.append(sameAsFirst ? first : text.append(entry.canonical))
        // Sorted by key, so the same gazetteer always gives the same arrays (and cache file).
        for (key, value) in entry.features.count < 2 ? Array(entry.features) : entry.features.sorted(by: { $0.key < $1.key }) {
            features.append(Self.index(of: key, in: &keyNames, &keyIndex))
            features.append(text.append(value))
        }
        featureEnds.append(Int32(features.count / 2))
    }

    func entry(at i: Int) -> GazetteerEntry {
        GazetteerEntry(type: typeNames[Int(types[i])], forms: forms(at: i), canonical: text[canonicals[i]],
                       features: features(at: i), source: source(at: i))
    }

    func forms(at i: Int) -> [String] {
        (start(formEnds, i)..<Int(formEnds[i])).map { text[forms[$0]] }
    }

    func features(at i: Int) -> [String: String] {
        let range = start(featureEnds, i)..<Int(featureEnds[i])
        // Room for all at once: growing rehashed the first ones again.
        var result = [String: String](minimumCapacity: range.count)
        for k in range {
            result[keyNames[Int(features[2 * k])]] = text[features[2 * k + 1]]
        }
        return result
    }

    /// The value of entry `i`'s feature `key` (as `features(at:)[key]`), read from the columns:
    /// no dictionary made, no key hashed.
    func feature(_ key: String, at i: Int) -> String? {
        var value: Int32?
        // The last pair of the key wins, as it does in `features(at:)`.
        for k in start(featureEnds, i)..<Int(featureEnds[i]) where keyNames[Int(features[2 * k])] == key { value = features[2 * k + 1] }
        return value.map { text[$0] }
    }

    /// `file:line`, as the entry's `source` was given.
    func source(at i: Int) -> String {
        let file = fileNames[Int(files[i])]
        guard lines[i] > 0 else { return file }
        // Written into the string's own storage: interpolating (or joining) cost several strings
        // and about 1,600 instructions, once per entry each worker meets.
        var file8 = file
        return file8.withUTF8 { name in
            String(unsafeUninitializedCapacity: name.count + 11) { out in
                _ = out.initialize(fromContentsOf: name)
                var n = name.count
                out[n] = UInt8(ascii: ":")
                n += 1
                let digitsStart = n
                var line = lines[i]
                while line > 0 { out[n] = UInt8(ascii: "0") + UInt8(line % 10); line /= 10; n += 1 }
                out[digitsStart..<n].reverse()
                return n
            }
        }
    }

    private func start(_ ends: [Int32], _ i: Int) -> Int { i == 0 ? 0 : Int(ends[i - 1]) }

    private static func index(of name: String, in names: inout [String], _ index: inout [String: Int32]) -> Int32 {
        if let known = index[name] { return known }
        names.append(name)
        index[name] = Int32(names.count - 1)
        return Int32(names.count - 1)
    }

    /// `path:12` → (`path`, 12). A source without a positive line number after its last colon is
    /// kept whole with line 0, so `source(at:)` gives back exactly what was stored.
    static func splitSource(_ source: String) -> (file: String, line: Int32) {
        // On UTF-8 bytes: a million entries pass here on a load without the cache.
        let utf8 = source.utf8
        guard let colon = utf8.lastIndex(of: UInt8(ascii: ":")) else { return (source, 0) }
        let digits = utf8[utf8.index(after: colon)...]
        guard let first = digits.first, first != UInt8(ascii: "0"), digits.count <= 9 else { return (source, 0) }
        var line: Int32 = 0
        for d in digits {
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return (source, 0) }
            line = line * 10 + Int32(d - UInt8(ascii: "0"))
        }
        return (String(source[..<colon]), line)
    }
}

extension EntryTable {
    /// The columns as the cache stores them.
    struct Columns {
        var typeNames: [String], fileNames: [String], keyNames: [String]
        var types: [Int32], files: [Int32], lines: [Int32], canonicals: [Int32]
        var formEnds: [Int32], forms: [Int32], featureEnds: [Int32], features: [Int32]
        var text: StringPool
    }

    var columns: Columns {
        Columns(typeNames: typeNames, fileNames: fileNames, keyNames: keyNames, types: types, files: files,
                lines: lines, canonicals: canonicals, formEnds: formEnds, forms: forms,
                featureEnds: featureEnds, features: features, text: text)
    }

    /// A table read back from the cache; nil unless every index points inside its table, so no
    /// damaged file can make `entry(at:)` read out of bounds.
    init?(_ c: Columns) {
        let n = c.types.count
        guard [c.files.count, c.lines.count, c.canonicals.count, c.formEnds.count, c.featureEnds.count].allSatisfy({ $0 == n }),
              Self.isRising(c.formEnds, to: c.forms.count), Self.isRising(c.featureEnds, to: c.features.count / 2),
              c.features.count % 2 == 0,
              Self.all(c.types, below: c.typeNames.count), Self.all(c.files, below: c.fileNames.count),
              Self.all(c.canonicals, below: c.text.count), Self.all(c.forms, below: c.text.count),
              Self.all(c.lines, below: Int(Int32.max) + 1)  // not negative
        else { return nil }
        // Keys and values in one pass, as the largest of each (one loop of vector code).
        let (highestKey, highestValue): (UInt32, UInt32) = c.features.withUnsafeBufferPointer { f in
            var key: UInt32 = 0, value: UInt32 = 0
            var k = 0
            while k &+ 1 < f.count {
                key = max(key, UInt32(bitPattern: f[k]))
                value = max(value, UInt32(bitPattern: f[k &+ 1]))
                k &+= 2
            }
            return (key, value)
        }
        guard c.features.isEmpty || (Int(highestKey) < c.keyNames.count && Int(highestValue) < c.text.count) else { return nil }
        (typeNames, fileNames, keyNames) = (c.typeNames, c.fileNames, c.keyNames)
        (types, files, lines, canonicals) = (c.types, c.files, c.lines, c.canonicals)
        (formEnds, forms, featureEnds, features, text) = (c.formEnds, c.forms, c.featureEnds, c.features, c.text)
    }

    // These checks run over every column of a cached million-entry table on each start: written
    // as maxima and ORs without early exits or overflow checks, over raw pointers (the table's
    // checks took 62M instructions as loops over the arrays, 25M so).

    /// Non-decreasing, non-negative, and ending at most at `limit` (exactly at it when not empty).
    static func isRising(_ ends: [Int32], to limit: Int) -> Bool {
        guard let first = ends.first, let last = ends.last else { return limit == 0 }
        // Through a raw pointer, the falls as an OR of 0/1 bytes: 13M instructions for a million
        // entries' columns, 32M as a count through the array's own iteration.
        let falls: UInt8 = ends.withUnsafeBufferPointer { e in
            let p = e.baseAddress!
            var falls: UInt8 = 0
            var k = 1
            while k < e.count {
                falls |= p[k] < p[k &- 1] ? 1 : 0
                k &+= 1
            }
            return falls
        }
        return first >= 0 && falls == 0 && Int(last) == limit
    }

    /// Every value in `0 ..< limit`: as unsigned, a negative value is above any limit.
    static func all(_ values: [Int32], below limit: Int) -> Bool {
        values.isEmpty || UInt64(highest(values)) < UInt64(max(limit, 0))
    }

    /// The largest value as unsigned (a negative one is larger than any other), 0 for none.
    static func highest(_ values: [Int32]) -> UInt32 {
        values.withUnsafeBufferPointer { v in
            var highest: UInt32 = 0
            var k = 0
            while k < v.count {
                highest = max(highest, UInt32(bitPattern: v[k]))
                k &+= 1
            }
            return highest
        }
    }
}
