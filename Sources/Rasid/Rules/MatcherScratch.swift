/// The working memory of `RuleMatcher`, reused across rules and sentences of one document so the
/// VM allocates nothing per step.
///
/// A thread is four integers. What it has recorded (capture positions, proclitics left out) is a
/// persistent list in `log`: a thread that forks shares its history with its sibling instead of
/// copying arrays and dictionaries, which used to be most of the matcher's time (retain/release).
final class MatcherScratch {
    struct Thread {
        var pc: Int32
        var start: Int32
        /// Arrival order: among threads of one start, the earlier arrival has priority (see
        /// `precedes`, which sorts a position's pending threads).
        var order: Int32
        /// Head of this thread's history in `log`, -1 for none.
        var log: Int32
    }

    /// One recorded fact: capture slot `slot` is at `value`, or (slot -1) the token at `position`
    /// leaves out a proclitic and starts at code point `value`.
    private struct Record {
        var slot: Int32
        var position: Int32
        var value: Int32
        var previous: Int32
    }

    // One scratch serves one worker thread; Swift's dynamic exclusivity checks on these arrays
    // (read and written at every VM step) cost more than the VM's own work, so they are off.
    @exclusivity(unchecked) private var log = GrowingBuffer<Record>()
    /// Threads waiting at each position of the range, as linked lists through `Pending.next`.
    @exclusivity(unchecked) private var pendingHead = GrowingBuffer<Int32>()
    /// One buffer, not one of threads and one of links: an `add` checked and counted both.
    @exclusivity(unchecked) private var pending = GrowingBuffer<Pending>()

    private struct Pending {
        var thread: Thread
        var next: Int32
    }
    /// The longest match found so far for each start position: its end (-1: none) and history.
    @exclusivity(unchecked) private var bestEnd = GrowingBuffer<Int32>()
    @exclusivity(unchecked) private var bestLog = GrowingBuffer<Int32>()
    /// `collectMatches`' working memory: a match's capture slots, and where each match's
    /// proclitics end.
    @exclusivity(unchecked) private var slots = GrowingBuffer<Int32>()
    @exclusivity(unchecked) private var cliticEnds = GrowingBuffer<Int32>()
    /// The positions of `bestEnd` set in this run.
    @exclusivity(unchecked) private var matchedStarts: [Int32] = []

    /// The closure's stack, and per instruction the stamp of the position where a thread last
    /// reached it. Raw buffers: the closure pushes, pops and marks at every step, and an array
    /// there costs a uniqueness check and a bounds check each time (a fifth of the VM's time).
    private(set) var stack = UnsafeMutablePointer<Thread>.allocate(capacity: 1)
    private var stackCapacity = 1
    private(set) var visited = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    private var visitedCapacity = 1
    private var stamp = 0

    init() { visited.initialize(to: 0) }

    deinit {
        stack.deallocate()
        visited.deallocate()
    }

    /// Makes room for a closure over `steps` instructions starting from `threads` threads, whose
    /// expansions push at most `pushes` threads in all (see `RuleMatcher.closurePushes`).
    @inline(__always)
    func reserveClosure(threads: Int, steps: Int, pushes: Int) {
        // Called at every position (a call cost 30 instructions there); room is rarely short.
        guard stackCapacity < threads + pushes || visitedCapacity < steps else { return }
        grow(threads: threads, steps: steps, pushes: pushes)
    }

    private func grow(threads: Int, steps: Int, pushes: Int) {
        let needed = threads + pushes
        if stackCapacity < needed {
            stack.deallocate()
            stackCapacity = max(needed, 2 * stackCapacity)
            stack = .allocate(capacity: stackCapacity)
        }
        if visitedCapacity < steps {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: steps)
            grown.moveInitialize(from: visited, count: visitedCapacity)
            (grown + visitedCapacity).initialize(repeating: 0, count: steps - visitedCapacity)
            visited.deallocate()
            visited = grown
            visitedCapacity = steps
        }
    }

    func reset(positions: Int, steps: Int) {
        log.removeAll()
        pending.removeAll()
        waiting = 0
        // Between runs every pending list has been taken and every match collected, which leaves
        // `pendingHead` and `bestEnd` all -1: only new positions need filling.
        if pendingHead.count < positions {
            pendingHead.extend(to: positions, with: -1)
            bestEnd.extend(to: positions, with: -1)
            bestLog.extend(to: positions, with: -1)
        }
    }

    /// A stamp no instruction holds yet: marks the closure of one position.
    func nextStamp() -> Int {
        stamp += 1
        return stamp
    }

    @inline(__always)
    func hasPending(_ offset: Int) -> Bool { pendingHead[offset] >= 0 }

    /// Threads pending at any position not yet taken.
    private(set) var waiting = 0

    /// Moves the threads waiting at `offset` onto `stack` from `depth` up (which `reserveClosure`
    /// made room for), the first in priority order (start, then arrival) on top; returns the new
    /// depth. Every thread on the stack below `depth` must come after them (a later start).
    @inline(__always)
    func takePending(_ offset: Int, onto stack: UnsafeMutablePointer<Thread>, above depth: Int) -> Int {
        let bottom = depth
        var top = depth
        var sorted = true
        var k = pendingHead[offset]
        // The list is pushed at its head: walked from there, the threads come latest arrival
        // first, which is usually latest start first too, and then there is nothing to sort.
        while k >= 0 {
            let thread = pending[Int(k)].thread
            if top > bottom && !Self.precedes(thread, stack[top - 1]) { sorted = false }
            stack[top] = thread
            top += 1
            k = pending[Int(k)].next
            waiting -= 1
        }
        pendingHead[offset] = -1
        if !sorted {
            var threads = UnsafeMutableBufferPointer(start: stack + bottom, count: top - bottom)
            threads.sort { Self.precedes($1, $0) }
        }
        return top
    }

    /// Priority order: earlier start first, then earlier arrival (no two threads tie).
    @inline(__always)
    static func precedes(_ a: Thread, _ b: Thread) -> Bool { (a.start, a.order) < (b.start, b.order) }

    @inline(__always)
    func add(_ thread: Thread, at offset: Int) {
        waiting += 1
        pending.append(Pending(thread: thread, next: pendingHead[offset]))
        pendingHead[offset] = Int32(pending.count - 1)
    }

    @inline(__always)
    func record(slot: Int32, value: Int32, previous: Int32) -> Int32 {
        log.append(Record(slot: slot, position: 0, value: value, previous: previous))
        return Int32(log.count - 1)
    }

    @inline(__always)
    func record(clitic position: Int, start: Int, previous: Int32) -> Int32 {
        log.append(Record(slot: -1, position: Int32(position), value: Int32(start), previous: previous))
        return Int32(log.count - 1)
    }

    /// A thread matched at `end`: it replaces a shorter match of the same start, not an equal one
    /// (the first thread to match at a position has priority).
    func offerMatch(start: Int, end: Int32, log history: Int32) {
        guard bestEnd[start] != end else { return }
        if bestEnd[start] < 0 { matchedStarts.append(Int32(start)) }
        bestEnd[start] = end
        bestLog[start] = history
    }

    /// The longest match of each start, in start order, with captures and proclitics read back
    /// from the history (the latest record of a slot, or of a token's proclitic, wins).
    func collectMatches(base: Int, captureCount: Int) -> [RuleMatch] {
        assert(waiting == 0, "a run ends with every pending thread taken (reset relies on it)")
        // Most sentences a rule visits hold no match of it.
        guard !matchedStarts.isEmpty else { return [] }
        matchedStarts.sort()
        defer { matchedStarts.removeAll(keepingCapacity: true) }
        // Every match's captures and proclitics in one array each, sliced once they are complete
        // (a slice taken before the last append would make that append copy the storage).
        var captures: [Range<Int>?] = []
        captures.reserveCapacity(matchedStarts.count * captureCount)
        var clitics: [RuleMatch.LeftOutClitic] = []
        cliticEnds.removeAll()
        slots.extend(to: 2 * captureCount, with: -1)
        for start in matchedStarts {
            for k in 0..<2 * captureCount { slots[k] = -1 }
            let first = clitics.count
            var k = bestLog[Int(start)]
            while k >= 0 {
                let r = log[Int(k)]
                if r.slot >= 0 {
                    if slots[Int(r.slot)] < 0 { slots[Int(r.slot)] = r.value }
                } else if !clitics[first...].contains(where: { $0.token == r.position }) {
                    clitics.append(.init(token: r.position, start: r.value))
                }
                k = r.previous
            }
            for c in 0..<captureCount {
                let s = Int(slots[2 * c]), e = Int(slots[2 * c + 1])
                captures.append(s >= 0 && e >= s ? s..<e : nil)
            }
            cliticEnds.append(Int32(clitics.count))
        }
        var result: [RuleMatch] = []
        result.reserveCapacity(matchedStarts.count)
        var cliticStart = 0
        for (n, start) in matchedStarts.enumerated() {
            let offset = Int(start)
            let cliticEnd = Int(cliticEnds[n])
            result.append(RuleMatch(start: base + offset, end: Int(bestEnd[offset]),
                                    captures: captures[n * captureCount..<(n + 1) * captureCount],
                                    clitics: clitics[cliticStart..<cliticEnd]))
            cliticStart = cliticEnd
            bestEnd[offset] = -1
        }
        return result
    }
}
