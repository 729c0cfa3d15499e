/// The sections and keys agentplane writes into Quadlet files, in the order it writes them.
///
/// Every key here exists in every Podman 5.x release (5.0.0 through 5.8): the generator refuses
/// a whole unit over one key it does not know (`unsupported key 'X' in group 'Container'`), so
/// newer conveniences are deliberately not used — `Memory=` (5.5), `Label=` in `[Pod]` (not in
/// 5.5), `ShmSize=` in `[Pod]` (5.4). Their effect goes through `PodmanArgs=` (`--cpus`,
/// `--memory`, `--label`), which every 5.x release passes to `podman` unchanged. `[Unit]`,
/// `[Service]` and `[Install]` go to systemd; for `[Install]` Quadlet applies only `Alias`,
/// `WantedBy`, `RequiredBy` and `UpheldBy`.
public enum QuadletKeys {
    /// Section names in file order.
    public static let sectionOrder: [String] = ["Unit", "Network", "Volume", "Pod", "Container", "Service", "Install"]

    /// Keys per section, in the order they appear in a rendered file.
    public static let allowed: [String: [String]] = [
        "Unit": ["Description"],
        "Network": ["NetworkName", "Label"],
        "Volume": ["VolumeName", "Device", "Type", "Options", "Label"],
        "Pod": ["PodName", "Network", "PublishPort", "PodmanArgs"],
        "Container": [
            "ContainerName", "Image", "Pod", "Label", "Environment", "Secret", "Volume", "WorkingDir",
            "AddDevice", "PodmanArgs", "Entrypoint", "Exec",
        ],
        "Service": ["Restart", "TimeoutStartSec"],
        "Install": ["WantedBy"],
    ]

    /// Whether `key` may appear in `section`.
    public static func isAllowed(_ key: String, in section: String) -> Bool {
        allowed[section]?.contains(key) ?? false
    }

    /// The keys of each section of `sectionOrder`, by the section's rank.
    private static let keysByRank: [[String]] = sectionOrder.map { allowed[$0] ?? [] }

    /// Position of `key` within the section of rank `sectionRank`, for sorting; unknown keys
    /// sort last. (By rank, not by name: a dictionary lookup hashed the section name again for
    /// every line rendered.)
    static func rank(of key: String, inSectionOfRank sectionRank: Int) -> Int {
        guard keysByRank.indices.contains(sectionRank) else { return Int.max }
        return keysByRank[sectionRank].firstIndex(of: key) ?? Int.max
    }

    static func rank(ofSection section: String) -> Int {
        sectionOrder.firstIndex(of: section) ?? Int.max
    }
}
