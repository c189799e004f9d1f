/// Commits candidates under one named overlap policy.
///
/// The policy is GATE's Appelt order: among overlapping candidates the one starting first wins,
/// then the longest, then the highest priority, then the earliest proposed. The result never
/// holds two overlapping spans.
public struct EntityResolver: Sendable {
    public init() {}

    public func resolve(_ candidates: [EntityCandidate]) -> [EntityCandidate] {
        let ordered = candidates.sorted { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.length != b.length { return a.length > b.length }
            if a.priority != b.priority { return a.priority > b.priority }
            return a.order < b.order
        }
        var committed: [EntityCandidate] = []
        var reach = Int.min
        for c in ordered where c.start >= reach && c.end > c.start {
            committed.append(c)
            reach = c.end
        }
        return committed
    }
}
