/// A proposed entity, before the resolver decides which candidates stand.
///
/// Its type, canonical form, source and features are held in one shared `Label`: candidates are
/// copied many times over (into each phase's candidates, the committed ones, the annotations'
/// entities) and destroyed as often, and four reference-counted fields cost four retains per copy
/// and four releases per destroy, where a label costs one. The hits of one gazetteer entry share
/// one label (`CandidateLabelCache`), mentions share a constant one, and a rule's candidate has its
/// own. The fields read and write as before; a write makes the candidate a label of its own.
public struct EntityCandidate: Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// Token range `[firstToken, endToken)`.
    public var firstToken: Int
    public var endToken: Int
    /// Higher wins among candidates of the same span (rule priorities, type precedence).
    public var priority: Int
    /// Order of proposal; earlier wins the last tie.
    public var order: Int
    /// The gazetteer entry this is a hit of (-1 for the candidates of rules and mentions): its
    /// entity's provenance is written from the entry's prewritten JSON. An index, not the JSON
    /// itself: candidates are copied many times over, and a reference costs a retain each time.
    var entry: Int32 = -1
    var label: Label

    /// The fields of a candidate that are reference-counted, immutable and shared.
    final class Label: Sendable {
        let type: String
        let canonical: String?
        let source: String
        let features: [String: String]

        init(type: String, canonical: String?, source: String, features: [String: String]) {
            self.type = type
            self.canonical = canonical
            self.source = source
            self.features = features
        }
    }

    public var type: String {
        get { label.type }
        set { label = Label(type: newValue, canonical: label.canonical, source: label.source, features: label.features) }
    }

    public var canonical: String? {
        get { label.canonical }
        set { label = Label(type: label.type, canonical: newValue, source: label.source, features: label.features) }
    }

    public var source: String {
        get { label.source }
        set { label = Label(type: label.type, canonical: label.canonical, source: newValue, features: label.features) }
    }

    public var features: [String: String] {
        get { label.features }
        set { label = Label(type: label.type, canonical: label.canonical, source: label.source, features: newValue) }
    }

    public var length: Int { end - start }

    init(start: Int, end: Int, firstToken: Int, endToken: Int, type: String, canonical: String?, source: String,
         features: [String: String], priority: Int, order: Int, entry: Int32 = -1) {
        self.init(start: start, end: end, firstToken: firstToken, endToken: endToken,
                  label: Label(type: type, canonical: canonical, source: source, features: features),
                  priority: priority, order: order, entry: entry)
    }

    init(start: Int, end: Int, firstToken: Int, endToken: Int, label: Label, priority: Int, order: Int, entry: Int32 = -1) {
        self.start = start
        self.end = end
        self.firstToken = firstToken
        self.endToken = endToken
        self.label = label
        self.priority = priority
        self.order = order
        self.entry = entry
    }

    /// Field by field, as the plain struct compared (the label's object is no part of it).
    public static func == (a: Self, b: Self) -> Bool {
        a.start == b.start && a.end == b.end && a.firstToken == b.firstToken && a.endToken == b.endToken
            && a.priority == b.priority && a.order == b.order && a.entry == b.entry
            && (a.label === b.label || (a.type == b.type && a.canonical == b.canonical && a.source == b.source && a.features == b.features))
    }
}

/// The labels of gazetteer entries' candidates, kept per worker: every hit of an entry shares one.
/// Direct-mapped as `GazetteerEntryCache` is (entry `i` in slot `i % slotCount`), so memory stays
/// flat with a million-entry gazetteer, and a hit costs two array reads. The slots hold positions
/// in `labels`, which holds only the labels made: an array of optional labels, one per slot, cost
/// a generic destroy per slot when the worker ends (65,536 of them, about 4M instructions).
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
