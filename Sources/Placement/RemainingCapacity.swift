import PlaneModel

/// What is left of a node's capacity; nil dimensions are unlimited (the fleet did not say).
struct RemainingCapacity: Hashable, Sendable {
    var cores: Double?
    var memory: Double?
    var gpus: Int
    var disk: Double?

    init(_ capacity: Resources) {
        cores = capacity.cpu?.cores
        memory = capacity.memory?.bytes
        gpus = capacity.gpu ?? 0
        disk = capacity.disk?.bytes
    }

    /// The dimensions in which `demand` does not fit; empty when it fits.
    func shortfall(for demand: ResourceDemand) -> Shortfall {
        var out: Shortfall = []
        if let cores, demand.cores > cores + 1e-9 { out.insert(.cpu) }
        if let memory, demand.memory > memory { out.insert(.memory) }
        if demand.gpus > gpus { out.insert(.gpu) }
        if let disk, demand.disk > disk { out.insert(.disk) }
        return out
    }

    /// What is left in `dimension` (0 for an unlimited one, which never falls short).
    func left(_ dimension: Shortfall) -> Double {
        switch dimension {
        case .cpu: cores ?? 0
        case .memory: memory ?? 0
        case .gpu: Double(gpus)
        default: disk ?? 0
        }
    }

    mutating func subtract(_ demand: ResourceDemand) {
        cores = cores.map { $0 - demand.cores }
        memory = memory.map { $0 - demand.memory }
        gpus -= demand.gpus
        disk = disk.map { $0 - demand.disk }
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
