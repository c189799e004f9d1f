/// A test of one token, the unit of rule patterns.
public indirect enum TokenTest: Sendable, Equatable {
    /// The token's normalised form equals this (normalised) word; with `clitics`, so may a proclitic split of it.
    case word(String, clitics: Bool)
    /// The token's normalised form (or, with `clitics`, a proclitic split of it) is in a word list.
    case list(String, clitics: Bool)
    /// ICU's kind of token.
    case kind(Kind)
    /// An annotation of this type (a gazetteer hit or an entity found earlier) covers the token.
    case covered(AnnotationFilter)
    /// The token's normalised form starts with this (normalised) text: `starts("وال")`.
    case prefix(String)
    /// The token's normalised form ends with this text: `ends("ي")` (a nisba, `الشناوي`).
    case suffix(String)
    /// The token starts with the article ال (with `clitics`, after a proclitic: `للعلاقات`, `بالحزب`).
    case definite(clitics: Bool)
    /// The token starts with و or ف and is not a known word as a whole: a conjunction is written onto it.
    case conjunction
    /// A word with the conjunction و written onto it, read without it (`~word`: `وأكياد` → `أكياد`).
    case afterConjunction
    case any
    case not(TokenTest)
    case and([TokenTest])
    case or([TokenTest])

    public enum Kind: String, Sendable { case word, number, punct }
}

/// A rule pattern before compilation.
public indirect enum PatternNode: Sendable, Equatable {
    case test(TokenTest)
    /// An annotation of a type starting at the token (after any proclitic), consumed whole.
    case annotation(AnnotationFilter)
    /// The next token passes (or, negated, fails) a test; nothing is consumed.
    case lookahead(TokenTest, negated: Bool)
    case sequence([PatternNode])
    case alternatives([PatternNode])
    case repeated(PatternNode, min: Int, max: Int?)
    case capture(String, PatternNode)
}

/// A type of annotation, optionally with a feature that must (or must not) have a value:
/// `@GIVEN_NAME`, `@TITLE(category=military)`, `@GIVEN_NAME(common_word!=yes)`.
public struct AnnotationFilter: Sendable, Equatable {
    public var type: String
    public var feature: String?
    public var value: String?
    public var negated = false
}
