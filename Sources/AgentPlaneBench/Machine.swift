import Foundation

/// What the figures were measured on: cores, memory, CPU model, kernel.
enum Machine {
    static func summary() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        var parts = ["nproc \(cores)", "memory \(Units.fixed(memory, 1)) GiB"]
        if let model = cpuModel() { parts.append(model) }
        parts.append(ProcessInfo.processInfo.operatingSystemVersionString)
        return parts.joined(separator: ", ")
    }

    /// The 1-, 5- and 15-minute load averages (`/proc/loadavg`), e.g. "0.52 0.61 0.70".
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// The 1-minute load average, or nil where unknown.
    static func oneMinuteLoad() -> Double? {
        Double(loadAverage().split(separator: " ").first ?? "")
    }

    private static func cpuModel() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
