/// What a pod asks for in all: its containers' requests times its replicas, and the size of its
/// disk-backed volumes (ram volumes count as memory they already request).
public struct ResourceDemand: Hashable, Sendable {
    public var cores: Double
    public var memory: Double
    public var gpus: Int
    public var disk: Double

    public init(cores: Double = 0, memory: Double = 0, gpus: Int = 0, disk: Double = 0) {
        self.cores = cores
        self.memory = memory
        self.gpus = gpus
        self.disk = disk
    }
}

extension AgentPod {
    /// The pod's total demand (see `ResourceDemand`).
    public var demand: ResourceDemand {
        let replicas = max(spec.replicas, 1)
        var demand = ResourceDemand()
        for container in spec.containers {
            demand.cores += (container.resources.cpu?.cores ?? 0) * Double(replicas)
            demand.memory += (container.resources.memory?.bytes ?? 0) * Double(replicas)
            demand.gpus += (container.resources.gpu ?? 0) * replicas
        }
        for volume in spec.volumes where volume.tier != .ram {
            demand.disk += volume.size.bytes ?? 0
        }
        return demand
    }
}

/// Human forms of amounts, shared by placement and admission messages.
public enum AmountText {
    /// `2 cores`, `500m cpu`.
    public static func cores(_ value: Double) -> String {
        let milli = (value * 1000).rounded()
        if milli.truncatingRemainder(dividingBy: 1000) == 0 { return "\(Int(milli / 1000)) cores" }
        return "\(Int(milli))m cpu"
    }

    /// `4Gi`, `1.5Gi`, `512Mi`, `100 bytes`.
    public static func bytes(_ value: Double) -> String {
        let units: [(String, Double)] = [("Ti", 1_099_511_627_776), ("Gi", 1_073_741_824), ("Mi", 1_048_576), ("Ki", 1024)]
        for (unit, size) in units where value >= size {
            let scaled = value / size
            if scaled.rounded() == scaled { return "\(Int(scaled))\(unit)" }
            return "\((scaled * 10).rounded() / 10)\(unit)"
        }
        return "\(Int(value)) bytes"
    }
}
