import Foundation

/// The extraction pipeline: loads the data once, then hands out one worker per thread.
///
/// Everything loaded is immutable and shared; each `PipelineWorker` owns the ICU objects and caches
/// that cannot be shared.
public final class Pipeline: Sendable {
    public let gazetteer: Gazetteer
    let matcher: GazetteerMatcher
    let resolver = EntityResolver()

    /// Candidate priority by type, for one span that several types claim (a party's name that is
    /// also a place's): the more specific reading wins.
    static let typePrecedence: [String: Int] = ["PARTY": 5, "ORG": 4, "PLACE": 3, "PERSON": 2, "TITLE": 1]

    public init(_ configuration: Configuration = Configuration()) throws {
        gazetteer = try GazetteerLoader.load(roots: configuration.gazetteerRoots())
        matcher = GazetteerMatcher(gazetteer)
    }

    public func makeWorker() throws -> PipelineWorker { try PipelineWorker(self) }
}

/// Runs the pipeline on documents, one at a time. Not thread-safe: make one per thread.
public final class PipelineWorker {
    public let pipeline: Pipeline
    let normalizer: MatchingNormalizer
    let tokenizer: Tokenizer

    init(_ pipeline: Pipeline) throws {
        self.pipeline = pipeline
        normalizer = try MatchingNormalizer()
        tokenizer = try Tokenizer()
    }

    /// The matching view and tokens of `text`.
    public func tokenize(_ text: String) throws -> TokenizedText {
        try tokenizer.tokenize(normalizer.normalize(text))
    }

    public func extract(_ text: String) throws -> Extraction {
        let tokenized = try tokenize(text)
        let matches = pipeline.matcher.matches(in: tokenized)
        let committed = pipeline.resolver.resolve(candidates(from: matches))
        var slicer = TextSlicer(text)
        let entities = committed.map { c in
            Entity(start: c.start, end: c.end, type: c.type, text: slicer.slice(c.start, c.end),
                   canonical: c.canonical, source: c.source, features: c.features)
        }
        return Extraction(entities: entities, relations: [])
    }

    func candidates(from matches: [GazetteerMatch]) -> [EntityCandidate] {
        let gazetteer = pipeline.gazetteer
        var result: [EntityCandidate] = []
        for m in matches {
            for index in gazetteer.entryIndices(at: m.node) {
                let entry = gazetteer.entries[Int(index)]
                guard let precedence = Pipeline.typePrecedence[entry.type] else { continue }
                result.append(EntityCandidate(start: Int(m.start), end: Int(m.end), type: entry.type,
                                              canonical: entry.canonical, source: entry.source,
                                              features: entry.features, priority: precedence, order: result.count))
            }
        }
        return result
    }
}

/// Cuts code-point ranges out of a string, front to back, in one pass.
struct TextSlicer {
    private let scalars: String.UnicodeScalarView
    private var index: String.UnicodeScalarView.Index
    private var offset = 0

    init(_ text: String) {
        scalars = text.unicodeScalars
        index = scalars.startIndex
    }

    mutating func slice(_ start: Int, _ end: Int) -> String {
        if start < offset { index = scalars.startIndex; offset = 0 }
        index = scalars.index(index, offsetBy: start - offset)
        offset = start
        let stop = scalars.index(index, offsetBy: end - start)
        return String(scalars[index..<stop])
    }
}
