import Foundation
import Testing
@testable import Rasid

/// The shortcuts of committing entities against the plain definitions they replace: the
/// document's own word ids against interning its normalised strings, and masks cleared of removed
/// types against masks rebuilt from the annotations left.
@Suite struct CommitFastPathTests {
    static let pipeline = try! Pipeline()

    static func facts(_ text: String, _ worker: PipelineWorker) throws -> DocumentFacts {
        let engine = pipeline.engine
        let tokenized = try worker.tokenize(text)
        return DocumentFacts(tokenized, original: text, vocabulary: engine.vocabulary, tests: engine.tests, entries: worker.entries)
    }

    @Test func localIDsNumberTheNormalisedWordsInOrderOfFirstAppearance() throws {
        let worker = try Self.pipeline.makeWorker()
        for text in try EvalTexts.dev() + ["", "و", "حسن حسن وحسن الحسن حسن"] {
            let facts = try Self.facts(text, worker)
            // Keyed by units: equal strings need not be equal units (canonical equivalence).
            var expected: [[UInt16]: Int32] = [:]
            let ids = facts.tokens.indices.map { i in facts.text.withUnits(of: i) { Array($0) } }.map { word in
                if let id = expected[word] { return id }
                expected[word] = Int32(expected.count)
                return Int32(expected.count - 1)
            }
            #expect(facts.localIDs == ids)
            #expect(facts.localLexicon.count == expected.count)
            for (word, id) in expected { #expect(word.withUnsafeBufferPointer { facts.localLexicon.id(of: $0) } == id) }
            for absent in ["", "كلمةغائبة", "x"] where expected[Array(absent.utf16)] == nil {
                #expect(facts.localLexicon.id(of: absent) == -1)
            }
        }
    }

    /// Each token's masks as the annotations starting at and covering it set them.
    static func rebuiltMasks(_ facts: DocumentFacts) -> (cover: [UInt64], start: [UInt64]) {
        var cover = [UInt64](repeating: 0, count: facts.tokens.count), start = cover
        for k in facts.tokens.indices {
            for a in facts.annotations(startingAt: k) {
                start[k] |= a.typeBit
                for j in Int(a.firstToken)..<Int(a.endToken) { cover[j] |= a.typeBit }
            }
        }
        return (cover, start)
    }

    @Test func removingTypesLeavesTheMasksOfTheAnnotationsLeft() throws {
        let worker = try Self.pipeline.makeWorker()
        let outputs = Self.pipeline.outputTypeMask
        for text in try EvalTexts.dev() {
            let facts = try Self.facts(text, worker)
            _ = worker.gazetteerCandidates(Self.pipeline.matcher.matches(in: facts.text), facts: facts)
            // Entities over the gazetteer hits, overlapping them and each other, as phases commit them.
            let entities = try worker.extract(text).entities
            for round in 0..<3 {
                for (n, e) in entities.enumerated() where n % 3 != round {
                    guard let first = facts.tokens.lastIndex(where: { Int($0.start) <= e.start }),
                          let last = facts.tokens.firstIndex(where: { Int($0.end) >= e.end }), first <= last else { continue }
                    facts.add(type: e.type, tokens: first..<(last + 1), start: e.start, end: e.end, features: e.features)
                }
                let rebuilt = Self.rebuiltMasks(facts)
                #expect(facts.coverMasks == rebuilt.cover && facts.startMasks == rebuilt.start)
                facts.removeAll(typeMask: round == 1 ? facts.typeBit("PERSON") : outputs)
                let left = Self.rebuiltMasks(facts)
                #expect(facts.coverMasks == left.cover && facts.startMasks == left.start)
                #expect(facts.tokens.indices.flatMap(facts.annotations(startingAt:)).allSatisfy { $0.typeBit & (round == 1 ? facts.typeBit("PERSON") : outputs) == 0 })
            }
        }
    }

    /// Full names against their definition, without the suffix index or its filter: a person's
    /// full name is the first longer name (in text order) that ends with theirs, if written before.
    @Test func fullNamesAreTheFirstLongerNameEndingWithEach() throws {
        let worker = try Self.pipeline.makeWorker()
        var found = 0
        for text in try EvalTexts.dev() {
            let facts = try Self.facts(text, worker)
            var committed: [EntityCandidate] = [], entities: [Entity] = []
            for e in try worker.extract(text).entities {
                guard let first = facts.tokens.lastIndex(where: { Int($0.start) <= e.start }),
                      let last = facts.tokens.firstIndex(where: { Int($0.end) >= e.end }), first <= last else { continue }
                committed.append(EntityCandidate(start: e.start, end: e.end, firstToken: first, endToken: last + 1, type: e.type,
                                                 canonical: e.canonical, source: e.source, features: e.features,
                                                 priority: 0, order: committed.count))
                entities.append(e)
            }
            let words: [[Int32]?] = committed.indices.map { k in
                guard entities[k].type == "PERSON" else { return nil }
                var ids: [Int32] = []
                PipelineWorker.appendPersonWords(committed, k, facts, to: &ids)
                return ids
            }
            let expected: [String?] = committed.indices.map { k in
                guard let w = words[k],
                      let j = committed.indices.first(where: { j in words[j].map { $0.count > w.count && $0.suffix(w.count).elementsEqual(w) } ?? false }),
                      committed[j].start < committed[k].start else { return nil }
                return facts.slice(committed[j].start, committed[j].end)
            }
            found += expected.compactMap { $0 }.count
            // The entity named stands for its text.
            let fullNames = worker.fullNames(entities, committed, facts)
            #expect(fullNames.map { $0 >= 0 ? entities[Int($0)].text : nil } == expected)
            #expect(fullNames.indices.allSatisfy { fullNames[$0] < 0 || entities[Int(fullNames[$0])].type == "PERSON" })
        }
        #expect(found > 0)
    }

    /// One linker kept over many documents (its arrays reused, in both orders, so each document
    /// follows longer and shorter ones) finds what a new linker finds for each.
    @Test func aLinkerKeptAcrossDocumentsFindsWhatANewOneFinds() throws {
        let worker = try Self.pipeline.makeWorker()
        var cases: [(DocumentFacts, [EntityCandidate])] = []
        for text in try EvalTexts.dev() {
            let facts = try Self.facts(text, worker)
            // The entities without the mentions linked: the linker finds those again.
            var committed: [EntityCandidate] = []
            for e in try worker.extract(text).entities where e.source != MentionLinker.source {
                guard let first = facts.tokens.lastIndex(where: { Int($0.start) <= e.start }),
                      let last = facts.tokens.firstIndex(where: { Int($0.end) >= e.end }), first <= last else { continue }
                committed.append(EntityCandidate(start: e.start, end: e.end, firstToken: first, endToken: last + 1, type: e.type,
                                                 canonical: e.canonical, source: e.source, features: e.features,
                                                 priority: 0, order: committed.count))
            }
            cases.append((facts, committed))
        }
        // The default keeps every dev document's arrays; 8 lets them go at nearly every call
        // (also at the calls that link nothing), so both paths run.
        for kept in [MentionLinker(), MentionLinker(keptCapacity: 8)] {
            var found = 0
            for (facts, committed) in cases + cases.reversed() {
                let mentions = kept.candidates(committed: committed, facts: facts, order: 100)
                #expect(mentions == MentionLinker().candidates(committed: committed, facts: facts, order: 100))
                found += mentions.count
            }
            #expect(found > 0)
        }
    }

    /// Without rules, facts leave out what only rules read; what the mention linker reads of the
    /// gazetteer's hits (the annotations and the masks covering each token) is as with rules.
    @Test func factsWithoutRulesHoldWhatTheLinkerReads() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        for text in try EvalTexts.dev() {
            let tokenized = try worker.tokenize(text)
            let matches = Self.pipeline.matcher.matches(in: tokenized)
            let both = [true, false].map { forRules in
                let facts = DocumentFacts(tokenized, original: text, vocabulary: engine.vocabulary, tests: engine.tests,
                                          entries: worker.entries, forRules: forRules)
                let candidates = worker.gazetteerCandidates(matches, facts: facts)
                return (facts, candidates)
            }
            let (withRules, withoutRules) = (both[0].0, both[1].0)
            #expect(both[0].1 == both[1].1)
            #expect(!withRules.annotations.isEmpty)
            #expect(withRules.coverMasks == withoutRules.coverMasks)
            #expect(withRules.firstAnnotation == withoutRules.firstAnnotation)
            #expect(withRules.annotations.map { [Int64(bitPattern: $0.typeBit), Int64($0.firstToken), Int64($0.endToken),
                                                 Int64($0.start), Int64($0.end), Int64($0.next)] }
                    == withoutRules.annotations.map { [Int64(bitPattern: $0.typeBit), Int64($0.firstToken), Int64($0.endToken),
                                                       Int64($0.start), Int64($0.end), Int64($0.next)] })
            #expect(withoutRules.startMasks.isEmpty)
        }
    }

    @Test func gazetteerSourcesAreTheOnesWithAColon() {
        let line = "places.txt:12"
        for (source, expected) in [("places.txt:12", true), ("person_after_title", false), ("", false), (":", true),
                                   ("قاعدة_الاسم", false), ("أماكن.txt:7", true), (String(line.dropFirst(7)), true),
                                   (String(line.prefix(6)), false), ("a_long_rule_name_of_more_than_fifteen_bytes", false)] {
            #expect(EntityResolver.isGazetteerSource(source) == expected, "\(source)")
        }
    }
}
