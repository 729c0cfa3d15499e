/// The guard against schemas that would evaluate forever.
extension SchemaCompiler {
    /// Rejects a cycle of in-place applicators (`$ref`, `$dynamicRef`, `allOf`, `anyOf`, `oneOf`,
    /// `not`, `if`/`then`/`else`, `dependentSchemas`): such a cycle re-evaluates the same
    /// instance value without end. Cycles through `properties`, `items` and the like are fine:
    /// each step descends into the instance, whose depth is bounded.
    func checkInPlaceCycles() throws(SchemaCompileError) {
        // Iterative three-colour depth-first search over all nodes.
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on stack, 2 done
        for start in nodes.indices where state[start] == 0 {
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                let edges = inPlaceEdges[top.node] ?? []
                if top.next < edges.count {
                    stack[stack.count - 1].next += 1
                    let target = edges[top.next]
                    if state[target] == 1 {
                        guard let from = stack.firstIndex(where: { $0.node == target }) else { continue }
                        let cycle = stack[from...].map { describeNode($0.node) } + [describeNode(target)]
                        throw .referenceCycle(cycle: cycle)
                    }
                    if state[target] == 0 {
                        state[target] = 1
                        stack.append((target, 0))
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }
    }

    private func describeNode(_ index: Int) -> String {
        let location = nodes[index].location
        return location.isEmpty ? "#" : location
    }
}
