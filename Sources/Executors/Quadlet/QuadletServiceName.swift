/// The systemd service Quadlet generates from a unit file (podman-systemd.unit(5)).
///
/// | file            | service                 |
/// | --------------- | ----------------------- |
/// | `web.container` | `web.service`           |
/// | `web.pod`       | `web-pod.service`       |
/// | `web.volume`    | `web-volume.service`    |
/// | `web.network`   | `web-network.service`   |
///
/// agentplane's units never set `ServiceName=`, which would override these names.
enum QuadletServiceName {
    /// The service of unit file `fileName`, or nil when it is not a Quadlet kind agentplane
    /// writes or would not make a valid systemd unit name.
    static func service(forFile fileName: String) -> String? {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        let base = String(fileName[..<dot])
        let service: String
        switch fileName[fileName.index(after: dot)...] {
        case "container": service = base + ".service"
        case "pod": service = base + "-pod.service"
        case "volume": service = base + "-volume.service"
        case "network": service = base + "-network.service"
        default: return nil
        }
        return isValidUnitName(service) && !base.isEmpty ? service : nil
    }

    /// systemd's unit name rule: at most 255 characters from `[A-Za-z0-9:_.\-@]`, not starting
    /// with `-` (so it can never be read as an option).
    static func isValidUnitName(_ name: String) -> Bool {
        guard (1...255).contains(name.utf8.count), !name.hasPrefix("-") else { return false }
        return name.utf8.allSatisfy { byte in
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
                || ":_.-@\\".utf8.contains(byte)
        }
    }
}
