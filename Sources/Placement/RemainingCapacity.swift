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

    /// Why `demand` does not fit, one line per dimension; empty when it fits.
    func shortfalls(for demand: ResourceDemand) -> [String] {
        var out: [String] = []
        if let cores, demand.cores > cores + 1e-9 {
            out.append("not enough cpu: needs \(AmountText.cores(demand.cores)), \(AmountText.cores(cores)) left")
        }
        if let memory, demand.memory > memory {
            out.append("not enough memory: needs \(AmountText.bytes(demand.memory)), \(AmountText.bytes(memory)) left")
        }
        if demand.gpus > gpus {
            out.append("not enough gpu: needs \(demand.gpus), \(gpus) left")
        }
        if let disk, demand.disk > disk {
            out.append("not enough disk: needs \(AmountText.bytes(demand.disk)), \(AmountText.bytes(disk)) left")
        }
        return out
    }

    mutating func subtract(_ demand: ResourceDemand) {
        cores = cores.map { $0 - demand.cores }
        memory = memory.map { $0 - demand.memory }
        gpus -= demand.gpus
        disk = disk.map { $0 - demand.disk }
    }
}
