import PlaneModel

/// `spec.dependsOn` between bundles has no cycles; each cycle is named in full
/// (`bundle cycle: a → b → c → a`).
///
/// One cycle is reported per strongly connected component of the dependency graph, starting at
/// its alphabetically first bundle and following the shortest way back, at that bundle's
/// `dependsOn` entry. Once it is broken, a re-run reports any other cycle in what remains.
enum DependencyCycleRule {
    static func check(_ context: SemanticContext) -> [Diagnostic] {
        let bundles = context.documents.bundles.sorted { $0.name < $1.name }
        var byName: [String: Bundle] = [:]
        for bundle in bundles where byName[bundle.name] == nil { byName[bundle.name] = bundle }
        var edges: [String: [String]] = [:]
        for bundle in byName.values {
            edges[bundle.name] = Array(Set(bundle.spec.dependsOn.filter { byName[$0] != nil })).sorted()
        }
        var out: [Diagnostic] = []
        for component in stronglyConnectedComponents(nodes: byName.keys.sorted(), edges: edges) {
            guard let start = component.min() else { continue }
            let members = Set(component)
            let isCycle = component.count > 1 || (edges[start] ?? []).contains(start)
            guard isCycle, let cycle = shortestCycle(from: start, within: members, edges: edges),
                cycle.count >= 2, let bundle = byName[start]
            else { continue }
            let next = cycle[1]
            let index = bundle.spec.dependsOn.firstIndex(of: next) ?? 0
            out.append(context.diagnostic(
                "cycle", file: bundle.source.path, pointer: "/spec/dependsOn/\(index)",
                "bundle cycle: \(cycle.joined(separator: " → ")); dependsOn must not loop, or no bundle could be applied first"))
        }
        return out
    }

    /// The shortest path `start → … → start` inside `members` (breadth-first, neighbours in
    /// name order), as names with `start` at both ends.
    static func shortestCycle(from start: String, within members: Set<String>, edges: [String: [String]]) -> [String]? {
        var previous: [String: String] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for next in edges[current] ?? [] where members.contains(next) {
                if next == start {
                    var chain: [String] = []
                    var walk = current
                    while walk != start {
                        chain.append(walk)
                        walk = previous[walk] ?? start
                    }
                    return [start] + Array(chain.reversed()) + [start]
                }
                if previous[next] == nil, next != start {
                    previous[next] = current
                    queue.append(next)
                }
            }
        }
        return nil
    }

    /// Tarjan's algorithm without recursion: the strongly connected components of the graph.
    static func stronglyConnectedComponents(nodes: [String], edges: [String: [String]]) -> [[String]] {
        var index = 0
        var indices: [String: Int] = [:]
        var lowLinks: [String: Int] = [:]
        var onStack: Set<String> = []
        var stack: [String] = []
        var components: [[String]] = []

        for root in nodes where indices[root] == nil {
            // Each frame: a node and the position of the next neighbour to visit.
            var frames: [(node: String, next: Int)] = [(root, 0)]
            indices[root] = index
            lowLinks[root] = index
            index += 1
            stack.append(root)
            onStack.insert(root)
            while let frame = frames.last {
                let neighbours = edges[frame.node] ?? []
                if frame.next < neighbours.count {
                    frames[frames.count - 1].next += 1
                    let neighbour = neighbours[frame.next]
                    if indices[neighbour] == nil {
                        indices[neighbour] = index
                        lowLinks[neighbour] = index
                        index += 1
                        stack.append(neighbour)
                        onStack.insert(neighbour)
                        frames.append((neighbour, 0))
                    } else if onStack.contains(neighbour) {
                        lowLinks[frame.node] = min(lowLinks[frame.node] ?? 0, indices[neighbour] ?? 0)
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last {
                    lowLinks[parent.node] = min(lowLinks[parent.node] ?? 0, lowLinks[frame.node] ?? 0)
                }
                if lowLinks[frame.node] == indices[frame.node] {
                    var component: [String] = []
                    while let member = stack.popLast() {
                        onStack.remove(member)
                        component.append(member)
                        if member == frame.node { break }
                    }
                    components.append(component.sorted())
                }
            }
        }
        return components
    }
}
