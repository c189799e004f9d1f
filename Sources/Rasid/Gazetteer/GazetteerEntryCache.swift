/// What a worker has made of gazetteer entries, kept for the next hit.
///
/// `Gazetteer.entry(at:)` builds strings and a features dictionary each time; news repeats the
/// same few thousand entries on every page, so one worker keeps them. Direct-mapped (entry `i`
/// lives in slot `i % slots.count`): a hit is an array read instead of hashing the index into a
/// dictionary, and memory stays flat over a long run even with a million-entry gazetteer, since
/// an entry only evicts the one in its slot.
final class GazetteerEntryCache {
    /// The parts of an entry a hit copies into its annotation and candidate (not its spellings).
    final class Entry {
        let index: Int32
        /// Index into the gazetteer's type names.
        let typeIndex: Int
        let type: String
        let canonical: String
        let features: [String: String]
        let source: String
        /// Made at the first hit that becomes a candidate: entries of lexical types never need it.
        lazy var provenanceJSON = ProvenanceJSON(canonical: canonical, source: source, features: features)

        init(_ table: borrowing EntryTable, _ index: Int32) {
            let i = Int(index)
            self.index = index
            typeIndex = Int(table.types[i])
            type = table.typeNames[typeIndex]
            canonical = table.text[table.canonicals[i]]
            features = table.features(at: i)
            source = table.source(at: i)
        }
    }

    private let gazetteer: Gazetteer
    /// A worker's own, so the dynamic exclusivity checks of each look-up (a begin and end access,
    /// 3M of c1's 810M, with those of the document's feature sets) are turned off.
    @exclusivity(unchecked) private var slots: [Entry?]

    init(_ gazetteer: Gazetteer, capacity: Int = 1 << 16) {
        self.gazetteer = gazetteer
        // No more slots than entries: with a small gazetteer every entry has a slot of its own.
        slots = Array(repeating: nil, count: max(1, min(capacity, gazetteer.entryCount)))
    }

    /// Feature `key` of entry `index`, read from the gazetteer's table. Rules test a few features
    /// of hits of lexical types (`common_word`): making the entry for it (about 2,500
    /// instructions the first time) and hashing the key into its features cost 12M of c1's 822M.
    func feature(_ key: String, of index: Int32) -> String? {
        gazetteer.entries.feature(key, at: Int(index))
    }

    func entry(_ index: Int32) -> Entry {
        let slot = Int(index) % slots.count
        if let known = slots[slot], known.index == index { return known }
        let entry = Entry(gazetteer.entries, index)
        slots[slot] = entry
        return entry
    }
}
