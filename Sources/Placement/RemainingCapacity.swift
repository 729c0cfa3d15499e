import PlaneModel

/// What is left of a node's capacity; a dimension the fleet did not give is unlimited
/// (infinite), so it never falls short.
struct RemainingCapacity: Hashable, Sendable {
    var cores: Double
    var memory: Double
    var gpus: Double
    var disk: Double

    init(_ capacity: Resources) {
        cores = capacity.cpu?.cores ?? .infinity
        memory = capacity.memory?.bytes ?? .infinity
        gpus = Double(capacity.gpu ?? 0)
        disk = capacity.disk?.bytes ?? .infinity
    }

    /// The dimensions in which `demand` does not fit; empty when it fits. Runs for every node
    /// and pod, so it only compares.
    @inline(__always)
    func shortfall(for demand: ResourceDemand) -> Shortfall {
        var bits: UInt8 = 0
        if demand.cores > cores + 1e-9 { bits |= Shortfall.cpu.rawValue }
        if demand.memory > memory { bits |= Shortfall.memory.rawValue }
        if Double(demand.gpus) > gpus { bits |= Shortfall.gpu.rawValue }
        if demand.disk > disk { bits |= Shortfall.disk.rawValue }
        return Shortfall(rawValue: bits)
    }

    /// What is left in `dimension`.
    func left(_ dimension: Shortfall) -> Double {
        switch dimension {
        case .cpu: cores
        case .memory: memory
        case .gpu: gpus
        default: disk
        }
    }

    mutating func subtract(_ demand: ResourceDemand) {
        cores -= demand.cores
        memory -= demand.memory
        gpus -= Double(demand.gpus)
        disk -= demand.disk
    }
}

/// The capacity dimensions a pod does not fit in.
struct Shortfall: OptionSet, Hashable, Sendable {
    var rawValue: UInt8

    static let cpu = Shortfall(rawValue: 1)
    static let memory = Shortfall(rawValue: 2)
    static let gpu = Shortfall(rawValue: 4)
    static let disk = Shortfall(rawValue: 8)

    /// Each dimension on its own, in message order.
    static let dimensions: [Shortfall] = [.cpu, .memory, .gpu, .disk]

    /// Why `demand` does not fit in this one dimension on a group of `nodes` nodes, the most
    /// any of them has left being `mostLeft`: `not enough cpu: needs 2 cores, 500m cpu left`
    /// (one node) or `…, at most 500m cpu left` (several).
    func reason(demand: ResourceDemand, mostLeft: Double, nodes: Int) -> String {
        let most = nodes > 1 ? "at most " : ""
        switch self {
        case .cpu: return "not enough cpu: needs \(AmountText.cores(demand.cores)), \(most)\(AmountText.cores(max(mostLeft, 0))) left"
        case .memory: return "not enough memory: needs \(AmountText.bytes(demand.memory)), \(most)\(AmountText.bytes(max(mostLeft, 0))) left"
        case .gpu: return "not enough gpu: needs \(demand.gpus), \(most)\(Int(mostLeft)) left"
        default: return "not enough disk: needs \(AmountText.bytes(demand.disk)), \(most)\(AmountText.bytes(max(mostLeft, 0))) left"
        }
    }
}
