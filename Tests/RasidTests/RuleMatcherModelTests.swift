import Foundation
import Testing
@testable import Rasid
import RasidTestSupport

/// The rule VM's definition written plainly: a Pike VM over `RuleProgram.instructions` as
/// compiled (splits and jumps walked one by one, no leaves, guards, open leaves or raw buffers),
/// each thread holding its captures and left-out proclitics in arrays, each position's threads
/// sorted by start and arrival. `RuleMatcher` must find the same matches with the same captures
/// and proclitics in the same order.
struct PlainPikeVM {
    let program: RuleProgram
    let tests: [Int32]
    let typeBits: [String: Int]

    struct Thread {
        var pc: Int
        var start: Int
        var order: Int
        var slots: [Int]
        /// (token, code point) in the order recorded.
        var clitics: [(Int, Int)]
    }

    func matches(in facts: DocumentFacts, range: Range<Int>, starts: Set<Int>) -> [String] {
        let slotCount = 2 * program.captures.count
        var pending = [[Thread]](repeating: [], count: range.count + 2)
        var best: [Int: Thread] = [:], bestEnd: [Int: Int] = [:]
        var arrivals = 0
        for p in range.lowerBound...range.upperBound {
            var queue = pending[p - range.lowerBound]
            if p < range.upperBound && starts.contains(p) {
                queue.append(Thread(pc: 0, start: p, order: -1, slots: Array(repeating: -1, count: slotCount), clitics: []))
            }
            queue.sort { ($0.start, $0.order) < ($1.start, $1.order) }
            var stack = Array(queue.reversed()), visited = Set<Int>()
            let inside = p < range.upperBound
            while var t = stack.popLast() {
                guard visited.insert(t.pc).inserted else { continue }
                switch program.instructions[t.pc] {
                case .split(let x, let y):
                    var second = t; second.pc = y; stack.append(second)
                    t.pc = x; stack.append(t)
                case .jump(let x):
                    t.pc = x; stack.append(t)
                case .save(let slot):
                    t.slots[slot] = p; t.pc += 1; stack.append(t)
                case .peek(let k, let negated):
                    let passes = inside && facts.passes(tests[k], at: p) != nil
                    if passes != negated { t.pc += 1; stack.append(t) }
                case .test(let k):
                    guard inside, let clitic = facts.passes(tests[k], at: p) else { continue }
                    if clitic >= 0 { t.clitics.append((p, clitic)) }
                    t.pc += 1; t.order = arrivals; arrivals += 1
                    pending[p + 1 - range.lowerBound].append(t)
                case .annotation(let filter):
                    guard inside, let bit = typeBits[filter.type].map({ UInt64(1) << UInt64($0) }) else { continue }
                    var k = facts.firstAnnotation[p]
                    while k >= 0 {
                        let a = facts.annotations[Int(k)]
                        k = a.next
                        guard a.typeBit == bit && Int(a.endToken) <= range.upperBound
                            && (filter.feature == nil || facts.accepts(filter, a)) else { continue }
                        var u = t
                        if a.start > facts.tokens[p].start { u.clitics.append((p, Int(a.start))) }
                        u.pc += 1; u.order = arrivals; arrivals += 1
                        pending[Int(a.endToken) - range.lowerBound].append(u)
                    }
                case .match:
                    // The first thread to match at a position wins; a later position is longer.
                    guard p > t.start, bestEnd[t.start] != p else { continue }
                    bestEnd[t.start] = p
                    best[t.start] = t
                }
            }
        }
        return best.keys.sorted().map { start in
            let t = best[start]!
            let captures = (0..<program.captures.count).map { c -> Range<Int>? in
                let s = t.slots[2 * c], e = t.slots[2 * c + 1]
                return s >= 0 && e >= s ? s..<e : nil
            }
            // The latest proclitic record of a token wins, newest first.
            var clitics: [(Int, Int)] = []
            for c in t.clitics.reversed() where !clitics.contains(where: { $0.0 == c.0 }) { clitics.append(c) }
            return "\(start)-\(bestEnd[start]!) \(captures) \(clitics.map { "\($0.0):\($0.1)" })"
        }
    }
}

@Suite struct RuleMatcherModelTests {
    static let pipeline = try! Pipeline()

    static func describe(_ matches: [RuleMatch]) -> [String] {
        matches.map { m in "\(m.start)-\(m.end) \(Array(m.captures)) \(m.clitics.map { "\($0.token):\($0.start)" })" }
    }

    /// Every rule on the dev texts, every token a start (more threads at once, from more starts,
    /// than the candidate starts give), and every other token a start (threads waiting at
    /// positions where no thread starts).
    @Test func matcherFindsThePlainModelsMatches() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        let models = engine.matchers.joined().map { PlainPikeVM(program: $0.program, tests: $0.tests, typeBits: engine.vocabulary.typeBits) }
        var compared = 0, matched = 0, leftOut = 0, captured = 0
        for text in try EvalTexts.dev() {
            let (tokenized, facts) = try EvalTexts.factsWithEntities(text, worker)
            let sentences = try worker.sentenceSplitter.sentences(tokenized)
            let scratch = MatcherScratch()
            for (matcher, model) in zip(engine.matchers.joined(), models) {
                for sentence in sentences where !sentence.isEmpty {
                    for every in [1, 2] {
                        let starts = sentence.filter { ($0 - sentence.lowerBound) % every == 0 }.map(Int32.init)[...]
                        let expected = model.matches(in: facts, range: sentence, starts: Set(starts.map(Int.init)))
                        let found = Self.describe(matcher.matches(in: facts, range: sentence, starts: starts, scratch: scratch))
                        #expect(found == expected)
                        compared += 1
                        matched += expected.count
                        leftOut += expected.filter { !$0.hasSuffix("[]") }.count
                        captured += expected.filter { $0.contains("..<") }.count
                    }
                }
            }
        }
        #expect(compared > 1000 && matched > 100 && leftOut > 0 && captured > 100)
    }
}

/// `MatcherScratch.takePending` puts a position's threads onto the closure's stack straight from
/// its list, sorting only when arrival order is not priority order: the stack must hold them as
/// a sort of the threads added would (first in priority on top), above what it held, with the
/// count of the ones taken off `waiting`.
@Suite struct PendingThreadsTests {
    typealias Thread = MatcherScratch.Thread

    @Test func takenInPriorityOrder() {
        var rng = SplitMix64(seed: 7)
        var unsorted = 0
        for _ in 0..<500 {
            let scratch = MatcherScratch()
            scratch.reset(positions: 3, steps: 1)
            var added: [Thread] = []
            for n in 0..<Int.random(in: 0...12, using: &rng) {
                // Arrival order is mostly start order, as in the VM; sometimes not.
                let start = Int32.random(in: 0...3, using: &rng) + (Bool.random(using: &rng) ? Int32(n) : 0)
                let t = Thread(pc: Int32(n), start: start, order: Int32(n), log: -1)
                scratch.add(t, at: 1)
                added.append(t)
            }
            // A thread pending elsewhere stays.
            scratch.add(Thread(pc: 99, start: 0, order: 99, log: -1), at: 2)
            if !zip(added, added.dropFirst()).allSatisfy({ MatcherScratch.precedes($0, $1) }) { unsorted += 1 }
            scratch.reserveClosure(threads: scratch.waiting + 1, steps: 1, pushes: 1)
            let bottom = Thread(pc: 0, start: 50, order: -1, log: -1)
            scratch.stack[0] = bottom
            let depth = scratch.takePending(1, onto: scratch.stack, above: 1)
            let expected = [bottom] + added.sorted { ($0.start, $0.order) < ($1.start, $1.order) }.reversed()
            let found = (0..<depth).map { scratch.stack[$0] }
            #expect(found.map(\.pc) == expected.map(\.pc))
            #expect(scratch.waiting == 1 && scratch.hasPending(2) && !scratch.hasPending(1))
            _ = scratch.takePending(2, onto: scratch.stack, above: 0)
        }
        #expect(unsorted > 100)
    }
}
