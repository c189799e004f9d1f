/// A token every match of a rule needs, and how far after the match's start it can lie at most
/// (see `RuleProgram.reaches`): a start with no token the filter admits within that reach is no
/// candidate, wherever else the sentence has one.
///
/// `RuleMatcher.requiredFilters` only ask for such a token somewhere up to the sentence's end.
/// A rule that opens on nearly any word (`place_before_coordinated_places`: a word right before
/// a place written with و) then ran from every word of a sentence holding a place: 43,232 starts
/// on the 1 MB benchmark slice for 185 matches.
struct RequiredReach: Sendable {
    let filter: OpenerFilter
    /// Tokens consumed one at a time before the needed token, at most.
    let tokens: Int
    /// Annotation steps before it, at most, by type bit (`RuleVocabulary.typeBits`): each
    /// consumes a whole annotation, at most as long as the document's longest of its type.
    let annotations: [AnnotationSteps]

    struct AnnotationSteps: Sendable {
        var bit: Int
        var count: Int
    }

    /// How many tokens after a start the needed token can lie at most, in this document.
    func distance(in facts: DocumentFacts) -> Int {
        var d = tokens
        for a in annotations { d += a.count * facts.longestAnnotation(bit: a.bit) }
        return d
    }
}

extension DocumentFacts {
    /// Whether some token from `i` to `i + distance` (inside `sentence`) is admitted by `filter`.
    func admitsWithin(_ filter: OpenerFilter, from i: Int, distance: Int, in sentence: Range<Int>) -> Bool {
        var j = i
        while j <= i + distance && j < sentence.upperBound {
            if admits(filter, at: j) { return true }
            j += 1
        }
        return false
    }
}
