/// What the podman executor reads from a rendered `kube.yaml` (a Deployment, block YAML as the
/// renderer writes it) before playing it: how many replicas, and whether the pod has a network.
struct PodmanManifest: Equatable {
    /// `spec.replicas` (1 when absent, as Kubernetes defaults it).
    var replicas: Int
    /// The `agentplane.dev/network-mode` annotation: `none` is played with `--network none`,
    /// which a kube file cannot say itself.
    var networkMode: String?

    init(_ bytes: [UInt8]) {
        let lines = ManifestMarker.lines(bytes)
        networkMode = ManifestMarker.metadata(lines)?.annotations["agentplane.dev/network-mode"]
        replicas = Self.replicas(lines) ?? 1
    }

    /// The `kube play` options beside the file.
    var playArguments: [String] {
        networkMode == "none" ? ["--network", "none"] : []
    }

    /// `  replicas: N` of the top-level `spec:` block.
    private static func replicas(_ lines: [ArraySlice<UInt8>]) -> Int? {
        guard let start = lines.firstIndex(where: { $0.elementsEqual("spec:".utf8) }) else { return nil }
        let prefix = Array("  replicas: ".utf8)
        for line in lines[(start + 1)...] {
            if let first = line.first, first != UInt8(ascii: " ") { break }
            if line.starts(with: prefix) {
                return Int(ManifestMarker.unquote(String(decoding: line.dropFirst(prefix.count), as: UTF8.self)))
            }
        }
        return nil
    }
}
