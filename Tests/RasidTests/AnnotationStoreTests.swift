import Foundation
import Testing
@testable import Rasid
import RasidTestSupport

/// The document's annotations, kept as one array of linked lists, against a plain model: per
/// token, an array of what was added there, in order, with the removed ones taken out.
@Suite struct AnnotationStoreTests {
    static let pipeline = try! Pipeline()

    struct Added: Equatable {
        var type: String
        var tokens: Range<Int>
        var start: Int
        var features: [String: String]
    }

    @Test func annotationsStartingAtEachTokenAreTheOnesAddedThereInOrder() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        let text = try EvalTexts.dev().first { $0.count > 400 }!
        let facts = DocumentFacts(try worker.tokenize(text), original: text, vocabulary: engine.vocabulary,
                                  tests: engine.tests, entries: worker.entries)
        let n = facts.tokens.count
        #expect(n > 50)
        var model = [[Added]](repeating: [], count: n)
        var random = SplitMix64(seed: 6)
        let types = ["PERSON", "TITLE", "GIVEN_NAME", "PLACE", "ORG"]
        #expect(Set(types.map(facts.typeBit)).count == types.count && !types.contains { facts.typeBit($0) == 0 })
        for round in 0..<6 {
            for _ in 0..<(n / 2) {
                let first = Int.random(in: 0..<n, using: &random)
                let end = min(n, first + Int.random(in: 1...4, using: &random))
                let features = Bool.random(using: &random) ? [:] : ["k": "\(round)", "category": "c\(first)"]
                let a = Added(type: types.randomElement(using: &random)!, tokens: first..<end, start: Int(facts.tokens[first].start),
                              features: features)
                facts.add(type: a.type, tokens: a.tokens, start: a.start, end: Int(facts.tokens[end - 1].end), features: a.features)
                model[first].append(a)
            }
            let removed = round % 2 == 0 ? facts.typeBit("PERSON") : facts.typeBit("TITLE") | facts.typeBit("PLACE")
            facts.removeAll(typeMask: removed)
            for i in model.indices { model[i].removeAll { facts.typeBit($0.type) & removed != 0 } }
            for i in 0..<n {
                let stored = facts.annotations(startingAt: i).map { a in
                    Added(type: types.first { facts.typeBit($0) == a.typeBit }!, tokens: Int(a.firstToken)..<Int(a.endToken),
                          start: Int(a.start), features: Dictionary(uniqueKeysWithValues: ["k", "category"].compactMap { key in
                              facts.feature(key, of: a).map { (key, $0) }
                          }))
                }
                #expect(stored == model[i], "token \(i), round \(round)")
            }
        }
    }

    /// Shown entities stand in for the previous ones, and their annotations give their features.
    @Test func shownEntitiesReplaceThePreviousOnesWithTheirFeatures() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        for text in try EvalTexts.dev().prefix(20) {
            let facts = DocumentFacts(try worker.tokenize(text), original: text, vocabulary: engine.vocabulary,
                                      tests: engine.tests, entries: worker.entries)
            let candidates = worker.gazetteerCandidates(Self.pipeline.matcher.matches(in: facts.text), facts: facts)
            let outputs = Self.pipeline.outputTypeMask
            for round in 0..<2 {
                // Every other candidate, each with a feature naming it.
                var shown = candidates.enumerated().filter { $0.offset % 2 == round }.map(\.element)
                for k in shown.indices { shown[k].features["shown"] = "\(round) \(k)" }
                facts.showEntities(shown, replacing: outputs) { facts.typeBit($0) }
                var seen = 0
                for i in facts.tokens.indices {
                    for a in facts.annotations(startingAt: i) where a.typeBit & outputs != 0 {
                        // Several entries may have the same span and type: the annotation is one of them.
                        let named = shown.indices.filter { k in
                            shown[k].firstToken == i && shown[k].start == Int(a.start) && shown[k].endToken == Int(a.endToken)
                                && facts.typeBit(shown[k].type) == a.typeBit
                        }.map { "\(round) \($0)" }
                        #expect(named.contains(facts.feature("shown", of: a) ?? "none"))
                        seen += 1
                    }
                }
                #expect(seen == shown.count)
            }
        }
    }
}
