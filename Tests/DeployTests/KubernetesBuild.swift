import Foundation

/// deploy/kubernetes built with `kubectl kustomize`, and read back as values through PyYAML.
enum KubernetesBuild {
    /// The Kubernetes version whose schemas the manifests are checked against (as RenderingTests).
    static let kubernetesVersion = "1.30.0"

    /// One object of the build, as PyYAML read it.
    struct Object {
        var value: [String: Any]
        var kind: String { value["kind"] as? String ?? "" }
        var metadata: [String: Any] { value["metadata"] as? [String: Any] ?? [:] }
        var name: String { metadata["name"] as? String ?? "" }
        var namespace: String? { metadata["namespace"] as? String }
        /// "Kind/namespace/name" (namespace empty for cluster-scoped objects).
        var id: String { "\(kind)/\(namespace ?? "")/\(name)" }
    }

    static func kubectl() throws -> String {
        try DeployCommand.require("kubectl", hint: "kubectl from https://kubernetes.io/releases/download/")
    }

    static func kubernetesValidate() throws -> String {
        try DeployCommand.require(
            "kubernetes-validate", inVenv: true, hint: "looked in $AGENTPLANE_TEST_VENV/bin and on PATH")
    }

    /// `kubectl kustomize deploy/kubernetes`: the YAML stream `kubectl apply -k` would send.
    static func build(_ folder: URL = DeployPaths.kubernetes) throws -> String {
        let result = try DeployCommand.run(try kubectl(), ["kustomize", folder.path])
        guard result.status == 0 else {
            throw DeployCommand.Failure(description: "kubectl kustomize failed:\n\(result.transcript)")
        }
        return result.stdout
    }

    /// Every document of a YAML stream, read by PyYAML (`safe_load_all`) and handed over as JSON.
    static func objects(_ yaml: String) throws -> [Object] {
        let python = try DeployCommand.pythonWithYAML()
        let script = "import json, sys, yaml\njson.dump([d for d in yaml.safe_load_all(sys.stdin) if d is not None], sys.stdout)"
        let result = try DeployCommand.run(python, ["-c", script], stdin: yaml)
        guard result.status == 0 else {
            throw DeployCommand.Failure(description: "PyYAML could not read the manifests:\n\(result.transcript)")
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        guard let documents = parsed as? [[String: Any]] else {
            throw DeployCommand.Failure(description: "a document is not a mapping:\n\(result.stdout)")
        }
        return documents.map(Object.init)
    }

    /// `kubernetes-validate --strict` over `files` (unknown fields are errors).
    static func validate(_ files: [URL]) throws -> DeployCommand.Result {
        try DeployCommand.run(
            try kubernetesValidate(), ["--strict", "-k", kubernetesVersion] + files.map(\.path), timeout: 300)
    }
}
