/// Why extraction found what it found in one document: for a person deciding which gazetteer line
/// or rule to add or change.
public struct Explanation: Sendable {
    public struct TokenInfo: Sendable {
        public var start: Int
        public var end: Int
        public var text: String
        public var normalized: String
        public var kind: String
        /// Proclitic splits the analyser proposes (`و+…`), normalised.
        public var splits: [String]
    }

    public struct Hit: Sendable {
        public var start: Int
        public var end: Int
        public var text: String
        public var type: String
        public var canonical: String
        public var source: String
        /// The proclitic left out, if any.
        public var clitic: String?
    }

    public struct Candidate: Sendable {
        public var start: Int
        public var end: Int
        public var text: String
        public var type: String
        public var source: String
    }

    public struct Phase: Sendable {
        public var name: String
        /// Candidates the phase's rules proposed.
        public var proposed: [Candidate]
        /// Candidates that lost under the overlap policy, with the one that beat each.
        public var beaten: [(loser: Candidate, winner: Candidate)]
        /// Relations the phase's rules proposed, before document-level resolution.
        public var relations: [String]
    }

    public var tokens: [TokenInfo] = []
    public var sentences: [Range<Int>] = []
    public var hits: [Hit] = []
    public var phases: [Phase] = []
    public var extraction = Extraction()

    /// A plain-text report, one section per stage.
    public var report: String {
        var out = "TOKENS (start–end, text, normalised, kind, proclitic splits)\n"
        for t in tokens {
            out += "  \(t.start)–\(t.end)\t\(t.text)\t\(t.normalized)\t\(t.kind)"
            if !t.splits.isEmpty { out += "\t" + t.splits.joined(separator: " ") }
            out += "\n"
        }
        out += "\nSENTENCES (code points)\n"
        for s in sentences { out += "  \(s.lowerBound)–\(s.upperBound)\n" }
        out += "\nGAZETTEER HITS\n"
        for h in hits {
            out += "  \(h.start)–\(h.end)\t\(h.text)\t\(h.type)\t\(h.canonical)\t\(h.source)"
            if let c = h.clitic { out += "\t(proclitic \(c)+)" }
            out += "\n"
        }
        for phase in phases {
            out += "\nPHASE \(phase.name)\n  proposed:\n"
            for c in phase.proposed { out += "    \(c.start)–\(c.end)\t\(c.type)\t\(c.text)\tby \(c.source)\n" }
            out += "  beaten under the overlap policy (leftmost, longest, priority, first):\n"
            for (loser, winner) in phase.beaten {
                out += "    \(loser.type) \(loser.text) [\(loser.source)] lost to \(winner.type) \(winner.text) [\(winner.source)]\n"
            }
            if !phase.relations.isEmpty {
                out += "  relations proposed:\n"
                for r in phase.relations { out += "    \(r)\n" }
            }
        }
        out += "\nENTITIES\n"
        for e in extraction.entities {
            let features = e.features.keys.sorted().map { "\($0)=\(e.features[$0]!)" }.joined(separator: " ")
            out += "  \(e.start)–\(e.end)\t\(e.type)\t\(e.text)\t\(e.source)\(features.isEmpty ? "" : "\t" + features)\n"
        }
        out += "\nRELATIONS\n"
        for r in extraction.relations {
            out += "  \(r.type)(\(r.person), \(r.org))"
            if let role = r.role { out += " role=\(role)" }
            if let party = r.party { out += " party=\(party)" }
            if let place = r.place { out += " place=\(place)" }
            out += "\tby \(r.source ?? "?")"
            if let e = r.evidence { out += "\tsentence \(e.lowerBound)–\(e.upperBound)" }
            if let t = r.trigger { out += "\ttrigger \(t.lowerBound)–\(t.upperBound)" }
            out += "\n"
        }
        return out
    }
}
