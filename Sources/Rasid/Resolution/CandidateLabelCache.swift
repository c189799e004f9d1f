/// The labels of gazetteer entries' candidates, kept per worker: every hit of an entry shares one.
/// Direct-mapped, the same slot scheme as `GazetteerEntryCache` (entry `i` in slot `i % slotCount`,
/// an entry evicting only the one in its slot), so memory stays flat with a million-entry
/// gazetteer, and a hit costs two array reads. The slots hold positions in `labels`, which holds
/// only the labels made: an array of optional labels, one per slot, cost a generic destroy per
/// slot when the worker ends (65,536 of them, about 4M instructions).
final class CandidateLabelCache {
    // A worker's own: no dynamic exclusivity checks (a begin and end access per hit).
    /// Per slot: the entry whose label it holds (-1: none), and that label's position in `labels`.
    @exclusivity(unchecked) private var slotEntries: [Int32]
    @exclusivity(unchecked) private var slotLabels: [Int32]
    @exclusivity(unchecked) private var labels: [EntityCandidate.Label] = []

    init(entryCount: Int, capacity: Int = 1 << 16) {
        let count = max(1, min(capacity, entryCount))
        slotEntries = Array(repeating: -1, count: count)
        slotLabels = Array(repeating: -1, count: count)
    }

    /// The label of entry `index`'s hits (made by `make` the first time, or when another entry
    /// took its slot since).
    func label(_ index: Int32, _ make: () -> EntityCandidate.Label) -> EntityCandidate.Label {
        let slot = Int(index) % slotEntries.count
        if slotEntries[slot] == index { return labels[Int(slotLabels[slot])] }
        let label = make()
        if slotLabels[slot] >= 0 {
            labels[Int(slotLabels[slot])] = label
        } else {
            slotLabels[slot] = Int32(labels.count)
            labels.append(label)
        }
        slotEntries[slot] = index
        return label
    }
}
