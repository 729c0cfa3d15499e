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

    /// Position of `key` within `section`, for sorting; unknown keys sort last.
    static func rank(of key: String, in section: String) -> Int {
        allowed[section]?.firstIndex(of: key) ?? Int.max
    }

    static func rank(ofSection section: String) -> Int {
        sectionOrder.firstIndex(of: section) ?? Int.max
    }
}
