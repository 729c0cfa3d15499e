import Formats

/// "Did you mean" suggestions by edit distance.
enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { (candidate: $0, distance: distance(word, $0)) }
        guard let best = scored.min(by: { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }) else {
            return nil
        }
        let limit = max(2, word.count / 3)
        if best.distance <= limit { return best.candidate }
        // A prefix the user typed too little or too much of (`--out` for `--output`).
        if let prefixed = candidates.sorted().first(where: { $0.hasPrefix(word) || word.hasPrefix($0) }) {
            return prefixed
        }
        return nil
    }

    /// Levenshtein distance over Unicode scalars (`Formats.EditDistance`).
    static func distance(_ a: String, _ b: String) -> Int { EditDistance.between(a, b) }
}
