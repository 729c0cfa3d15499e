/// The keys Quadlet accepts in its own sections in every Podman 5 release: the keys documented
/// in podman-systemd.unit(5) of Podman v5.0.0 (containers/podman, tag v5.0.0, commit
/// e71ec6f1d94d2d97fb3afe08aae0d8adaf8bddf0, docs/source/markdown/podman-systemd.unit.5.md,
/// one `### \`Key=\`` heading per key).
///
/// Checked against the generator itself when this list was made: every key here is in
/// `supportedContainerKeys` (and the Volume, Pod and Network maps) of pkg/systemd/quadlet/quadlet.go
/// at v5.0.0 and in every later 5.x tag up to v5.8.0, since releases only add keys. A key
/// added later (`GroupAdd` 5.1, `StopSignal` 5.2, `Memory` 5.5, ...) is not here: the
/// generator of an older 5.x rejects the whole unit over it (`unsupported key 'X' in group
/// 'Container'`). The generator also knows five undocumented deprecated aliases (RemapUid,
/// RemapGid, RemapUidSize, RemapUsers, VolatileTmp), deliberately left out.
///
/// Why not Rendering's `QuadletKeys`: that list is the subset agentplane's renderer writes
/// (12 `[Container]` keys), not everything Podman accepts; `ReadOnly`, `User` or
/// `NoNewPrivileges` are missing from it on purpose. A test checks that it is a subset of this one.
enum Podman5QuadletKeys {
    static let container: Set<String> = [
        "AddCapability", "AddDevice", "Annotation", "AutoUpdate", "ContainerName", "ContainersConfModule", "DNS",
        "DNSOption", "DNSSearch", "DropCapability", "Entrypoint", "Environment", "EnvironmentFile", "EnvironmentHost",
        "Exec", "ExposeHostPort", "GIDMap", "GlobalArgs", "Group", "HealthCmd", "HealthInterval", "HealthOnFailure",
        "HealthRetries", "HealthStartPeriod", "HealthStartupCmd", "HealthStartupInterval", "HealthStartupRetries",
        "HealthStartupSuccess", "HealthStartupTimeout", "HealthTimeout", "HostName", "Image", "IP", "IP6", "Label",
        "LogDriver", "Mask", "Mount", "Network", "NoNewPrivileges", "Notify", "PidsLimit", "Pod", "PodmanArgs",
        "PublishPort", "Pull", "ReadOnly", "ReadOnlyTmpfs", "Rootfs", "RunInit", "SeccompProfile", "Secret",
        "SecurityLabelDisable", "SecurityLabelFileType", "SecurityLabelLevel", "SecurityLabelNested",
        "SecurityLabelType", "ShmSize", "StopTimeout", "SubGIDMap", "SubUIDMap", "Sysctl", "Timezone", "Tmpfs",
        "UIDMap", "Ulimit", "Unmask", "User", "UserNS", "Volume", "WorkingDir",
    ]

    static let volume: Set<String> = [
        "ContainersConfModule", "Copy", "Device", "Driver", "GlobalArgs", "Group", "Image", "Label", "Options",
        "PodmanArgs", "Type", "User", "VolumeName",
    ]

    static let pod: Set<String> = [
        "ContainersConfModule", "GlobalArgs", "Network", "PodmanArgs", "PodName", "PublishPort", "Volume",
    ]

    static let network: Set<String> = [
        "ContainersConfModule", "DisableDNS", "DNS", "Driver", "Gateway", "GlobalArgs", "Internal", "IPAMDriver",
        "IPRange", "IPv6", "Label", "NetworkName", "Options", "PodmanArgs", "Subnet",
    ]

    /// Quadlet's own sections and their keys. Other sections ([Unit], [Service], [Install]) go
    /// to systemd unchanged and are checked by `systemd-analyze verify`.
    static let sections: [String: Set<String>] = [
        "Container": container, "Volume": volume, "Pod": pod, "Network": network,
    ]

    /// The sections systemd reads from a Quadlet file (passed through to the generated service).
    static let systemdSections: Set<String> = ["Unit", "Service", "Install"]
}
