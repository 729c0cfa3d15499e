/// A deterministic automaton that answers "does the pattern match anywhere in this string?"
/// in one pass over the UTF-8 bytes, built at schema compile time from a parsed pattern.
///
/// Construction: the tree becomes a Thompson NFA, whose state sets become DFA states (subset
/// construction) over the few classes of scalars the pattern distinguishes. The search is
/// unanchored, so every DFA state also holds the NFA's start. `^` is followed only at the
/// first position; `$` only when the input ends.
struct SchemaRegexDFA: Sendable {
    /// Class of each ASCII scalar.
    private let asciiClass: [UInt8]
    /// Lower bounds of the scalar classes, ascending; class k is `bounds[k]..<bounds[k+1]`.
    private let bounds: [UInt32]
    private let classCount: Int
    /// `transitions[state * classCount + class]`.
    private let transitions: [Int32]
    /// A match has been found once this state is reached.
    private let accepting: [Bool]
    /// No match can follow from this state.
    private let dead: [Bool]
    /// A match ends exactly at the end of the input from this state (via `$`).
    private let acceptingAtEnd: [Bool]

    /// Limits beyond which the pattern is left to ICU.
    static let maxNFAStates = 20_000
    static let maxDFAStates = 2_000

    /// Builds the automaton, or nil when it would be too large.
    init?(_ node: SchemaRegexParser.Node) {
        var nfa = NFA()
        let matchState = nfa.add(.match)
        guard let start = nfa.compile(node, next: matchState), nfa.states.count <= Self.maxNFAStates else { return nil }

        // Scalar classes: the boundaries of every set in the pattern.
        var cuts: Set<UInt32> = [0, SchemaScalarSet.maxScalar + 1]
        for set in nfa.sets {
            for range in set.ranges {
                cuts.insert(range.lowerBound)
                cuts.insert(range.upperBound + 1)
            }
        }
        let bounds = cuts.sorted().dropLast()
        let classCount = bounds.count
        guard classCount < 256 else { return nil }
        self.bounds = Array(bounds)
        self.classCount = classCount
        var ascii = [UInt8](repeating: 0, count: 128)
        for scalar in 0..<128 {
            ascii[scalar] = UInt8(Self.classIndex(UInt32(scalar), in: self.bounds))
        }
        asciiClass = ascii

        // Subset construction.
        let restart = nfa.closure([Int32(start)], atStart: false)
        let initial = nfa.closure([Int32(start)], atStart: true)
        var keys: [[Int32]] = [initial]
        var index: [[Int32]: Int32] = [:]  // the initial state is never a target
        var transitions: [Int32] = []
        var next = 0
        while next < keys.count {
            let members = keys[next]
            for k in 0..<classCount {
                let representative = self.bounds[k]
                var targets: [Int32] = []
                for member in members {
                    if case .consume(let setIndex, let to) = nfa.states[Int(member)],
                        nfa.sets[setIndex].contains(representative)
                    {
                        targets.append(Int32(to))
                    }
                }
                let key = nfa.closure(targets + restart, atStart: false)
                if let existing = index[key] {
                    transitions.append(existing)
                } else {
                    guard keys.count < Self.maxDFAStates else { return nil }
                    let id = Int32(keys.count)
                    keys.append(key)
                    index[key] = id
                    transitions.append(id)
                }
            }
            next += 1
        }
        self.transitions = transitions
        accepting = keys.map { $0.contains(Int32(matchState)) }
        dead = keys.map { $0.isEmpty }
        acceptingAtEnd = keys.enumerated().map { (i, members) in
            let ends = members.compactMap { member -> Int32? in
                if case .assertEnd(let to) = nfa.states[Int(member)] { return Int32(to) }
                return nil
            }
            return members.contains(Int32(matchState))
                || nfa.closure(ends, atStart: i == 0, atEnd: true).contains(Int32(matchState))
        }
    }

    private static func classIndex(_ scalar: UInt32, in bounds: [UInt32]) -> Int {
        var low = 0
        var high = bounds.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if bounds[mid] <= scalar { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// True when the pattern matches a substring of `text`.
    func matches(_ text: String) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable({ run($0) }) { return result }
        var copy = text
        return copy.withUTF8 { run($0) }
    }

    private func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var state = 0
        if accepting[state] { return true }
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            let cls: Int
            if byte < 0x80 {
                cls = Int(asciiClass[Int(byte)])
                i += 1
            } else {
                var scalar: UInt32
                let length: Int
                if byte >= 0xF0 {
                    scalar = UInt32(byte & 0x07)
                    length = 4
                } else if byte >= 0xE0 {
                    scalar = UInt32(byte & 0x0F)
                    length = 3
                } else {
                    scalar = UInt32(byte & 0x1F)
                    length = 2
                }
                var k = 1
                while k < length && i + k < count {
                    scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F)
                    k += 1
                }
                i += length
                cls = Self.classIndex(scalar, in: bounds)
            }
            state = Int(transitions[state * classCount + cls])
            if accepting[state] { return true }
            if dead[state] { return false }
        }
        return acceptingAtEnd[state]
    }
}

/// The Thompson NFA a parsed pattern compiles to.
private struct NFA {
    enum State {
        case consume(set: Int, next: Int)
        case split(Int, Int)
        case jump(Int)
        case assertStart(next: Int)
        case assertEnd(next: Int)
        case match
    }

    var states: [State] = []
    var sets: [SchemaScalarSet] = []
    private var setIndex: [SchemaScalarSet: Int] = [:]

    mutating func add(_ state: State) -> Int {
        states.append(state)
        return states.count - 1
    }

    /// Compiles `node` so that its end continues at `next`; returns its entry, or nil when too large.
    mutating func compile(_ node: SchemaRegexParser.Node, next: Int) -> Int? {
        guard states.count <= SchemaRegexDFA.maxNFAStates else { return nil }
        switch node {
        case .empty:
            return next
        case .set(let set):
            let index: Int
            if let existing = setIndex[set] {
                index = existing
            } else {
                index = sets.count
                sets.append(set)
                setIndex[set] = index
            }
            return add(.consume(set: index, next: next))
        case .start:
            return add(.assertStart(next: next))
        case .end:
            return add(.assertEnd(next: next))
        case .concat(let items):
            var entry = next
            for item in items.reversed() {
                guard let compiled = compile(item, next: entry) else { return nil }
                entry = compiled
            }
            return entry
        case .alternation(let branches):
            var entries: [Int] = []
            for branch in branches {
                guard let entry = compile(branch, next: next) else { return nil }
                entries.append(entry)
            }
            var entry = entries[entries.count - 1]
            for other in entries.dropLast().reversed() { entry = add(.split(other, entry)) }
            return entry
        case .repetition(let body, let min, let max):
            var entry: Int
            if let max {
                entry = next
                for _ in 0..<(max - min) {
                    guard let bodyEntry = compile(body, next: entry) else { return nil }
                    entry = add(.split(bodyEntry, next))
                }
            } else {
                let loop = add(.jump(next))
                guard let bodyEntry = compile(body, next: loop) else { return nil }
                states[loop] = .split(bodyEntry, next)
                entry = loop
            }
            for _ in 0..<min {
                guard let compiled = compile(body, next: entry) else { return nil }
                entry = compiled
            }
            return entry
        }
    }

    /// Visit marks for `closure`, one per state, valid when equal to `generation`.
    private var marks: [UInt32] = []
    private var generation: UInt32 = 0

    /// The states reachable from `from` without consuming input: consuming states, pending
    /// `$` assertions and the match state. `^` is followed only `atStart`, `$` only `atEnd`.
    mutating func closure(_ from: [Int32], atStart: Bool, atEnd: Bool = false) -> [Int32] {
        if marks.count != states.count {
            marks = Array(repeating: 0, count: states.count)
            generation = 0
        }
        generation &+= 1
        var stack = from
        var result: [Int32] = []
        while let state = stack.popLast() {
            guard marks[Int(state)] != generation else { continue }
            marks[Int(state)] = generation
            switch states[Int(state)] {
            case .consume, .match:
                result.append(state)
            case .split(let a, let b):
                stack.append(Int32(b))
                stack.append(Int32(a))
            case .jump(let to):
                stack.append(Int32(to))
            case .assertStart(let to):
                if atStart { stack.append(Int32(to)) }
            case .assertEnd(let to):
                if atEnd { stack.append(Int32(to)) } else { result.append(state) }
            }
        }
        return result.sorted()
    }
}
