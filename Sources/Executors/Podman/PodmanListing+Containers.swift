import Formats

/// What `podman ps --all --format json` says about the containers of our pods.
extension PodmanListing {
    /// One container `podman ps` listed (infra containers are dropped).
    struct Container: Equatable {
        var id: String
        var name: String
        /// Lower-case state: `running`, `exited`, `created`, `configured`, `stopped`…
        var state: String
        var exitCode: Int
        var labels: [String: String]

        /// True once the container runs, or ran to a clean end.
        var isUp: Bool { state == "running" || (isEnded && exitCode == 0) }
        /// True when the container ended with a non-zero status.
        var hasFailed: Bool { isEnded && exitCode != 0 }
        private var isEnded: Bool { state == "exited" || state == "stopped" }
    }

    /// Reads `podman ps --all --format json`.
    static func containers(_ stdout: [UInt8], limit: Int) throws(ExecutorError) -> [Container] {
        let document = try ProgramOutput.json(stdout, program: "podman", limit: limit, emptyValue: .array([]))
        guard let entries = document.arrayValue else {
            throw .unexpectedOutput("podman", "`ps --format json` printed a JSON \(document.typeName), not a list")
        }
        var containers: [Container] = []
        for (index, entry) in entries.enumerated() {
            guard let id = entry["Id"]?.stringValue else {
                throw .unexpectedOutput("podman", "`ps` entry \(index) has no Id")
            }
            if entry["IsInfra"]?.boolValue == true { continue }
            let name = entry["Names"]?.arrayValue?.first?.stringValue ?? id
            containers.append(
                Container(
                    id: id, name: name, state: (entry["State"]?.stringValue ?? "unknown").lowercased(),
                    exitCode: entry["ExitCode"]?.intValue ?? 0, labels: ProgramOutput.stringMap(entry["Labels"])))
        }
        return containers.sorted { $0.name < $1.name }
    }
}
