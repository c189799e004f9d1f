/// What relations are merged by: the `comparisonKey`s of person and org and the type. Two keys are
/// equal exactly when their `joined` strings, `personKey + "\u{1}" + orgKey + "\u{1}" + type`, are
/// equal as `String`s, and equal keys hash alike.
///
/// The parts are kept apart: joining them cost an allocation and five appends per relation, and
/// reading the joined string's letters again for its hash (2.9M instructions on c1). The digest of
/// the parts read in turn is the joined string's (see `ArabicKey.LetterDigest`), and equal bytes
/// part by part are equal joined bytes; only the rest (same letters, different bytes) are joined
/// and compared as strings.
///
/// The person is kept as written, and its key made only to compare two keys that are not the same
/// bytes (rare: relations of one person and body are mostly written alike): its letters are read
/// folded (`LetterDigest.addFolded`), and making the key of every relation's person cost 4.2M on c1.
struct RelationKey: Hashable {
    /// The person's name as written: `comparisonKey(person)` is the part compared.
    let person: String
    /// The org's `comparisonKey`.
    let org: String
    let type: String
    let letters: UInt64

    init(person: String, org: String, type: String) {
        self.person = person
        self.org = org
        self.type = type
        var digest = ArabicKey.LetterDigest()
        digest.addFolded(person)
        digest.add(org)
        digest.add(type)
        letters = digest.value
    }

    /// The string the key stands for.
    var joined: String { ArabicFolding.comparisonKey(person) + "\u{1}" + org + "\u{1}" + type }

    static func == (a: Self, b: Self) -> Bool {
        guard a.letters == b.letters else { return false }
        if ArabicKey.sameBytes(a.person, b.person) && ArabicKey.sameBytes(a.org, b.org) && ArabicKey.sameBytes(a.type, b.type) {
            return true
        }
        return a.joined == b.joined
    }

    func hash(into hasher: inout Hasher) { hasher.combine(letters) }
}
