/// Entries a worker has made from the gazetteer's columns, kept for the next hit.
///
/// `Gazetteer.entry(at:)` builds strings and a features dictionary each time; news repeats the
/// same few thousand entries on every page, so one worker keeps them. Bounded, so memory stays flat
/// over a long run even with a million-entry gazetteer.
final class GazetteerEntryCache {
    private let gazetteer: Gazetteer
    private var entries: [Int32: GazetteerEntry] = [:]
    private let capacity: Int

    init(_ gazetteer: Gazetteer, capacity: Int = 1 << 16) {
        self.gazetteer = gazetteer
        self.capacity = capacity
    }

    func entry(_ index: Int32) -> GazetteerEntry {
        if let known = entries[index] { return known }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        let entry = gazetteer.entry(at: Int(index))
        entries[index] = entry
        return entry
    }
}
