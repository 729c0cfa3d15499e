/// JSON texts of valid documents, laid out so tests can name exact lines and columns.
enum TestDocuments {
    /// A Profile named `name`; class personal, network open.
    static func profile(_ name: String) -> String {
        """
        {
          "apiVersion": "agentplane.dev/v1alpha1",
          "kind": "Profile",
          "metadata": {"name": "\(name)"},
          "spec": {"class": "personal", "network": {"mode": "open"}}
        }

        """
    }

    /// A Bundle named `name` listing `pods`, with maxRunSeconds 300.
    static func bundle(_ name: String, pods: [String], dependsOn: [String] = []) -> String {
        let list = pods.map { "\"\($0)\"" }.joined(separator: ", ")
        let deps = dependsOn.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {
              "apiVersion": "agentplane.dev/v1alpha1",
              "kind": "Bundle",
              "metadata": {"name": "\(name)", "version": "1.0.0"},
              "spec": {
                "pods": [\(list)],
                "dependsOn": [\(deps)],
                "policy": {"maxRunSeconds": 300}
              }
            }

            """
    }

    /// An AgentPod named `name` in `bundle` under `profile`, one container `app`.
    static func pod(_ name: String, bundle: String = "core", profile: String = "personal") -> String {
        pod(name, bundle: bundle, profile: profile, container: #"{"name": "app", "image": "docker.io/library/nginx:1.27"}"#)
    }

    /// An AgentPod whose single container is the JSON object `container`, which starts at
    /// line 9, column 7; `specExtra` (e.g. `"replicas": 2,`) goes on line 10 before the end.
    static func pod(
        _ name: String, bundle: String = "core", profile: String = "personal", container: String,
        specExtra: String = ""
    ) -> String {
        """
        {
          "apiVersion": "agentplane.dev/v1alpha1",
          "kind": "AgentPod",
          "metadata": {"name": "\(name)"},
          "spec": {
            "bundle": "\(bundle)",
            "profile": "\(profile)",
            "containers": [
              \(container)
            ]\(specExtra.isEmpty ? "" : ",\n    " + specExtra)
          }
        }

        """
    }

    /// A Fleet with stages dev and prod and one directory node `n1` in dev.
    static let fleet = """
        {
          "apiVersion": "agentplane.dev/v1alpha1",
          "kind": "Fleet",
          "metadata": {"name": "fleet"},
          "spec": {
            "stages": ["dev", "prod"],
            "nodes": [
              {"name": "n1", "stage": "dev", "executor": {"type": "directory", "path": "out/n1"}}
            ]
          }
        }

        """
}
