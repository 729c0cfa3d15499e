/// A small, valid desired state for reconcile tests: two directory nodes in dev, one in
/// staging, one profile, two bundles (app depends on base), three pods. Placement spreads them:
/// db and worker on dev-a, web on dev-b.
enum DesiredFixture {
    static func pod(_ name: String, bundle: String, image: String = "docker.io/library/busybox:1.36",
                    selector: String = "", env: String = "") -> String {
        """
        {
          "apiVersion": "agentplane.dev/v1alpha1",
          "kind": "AgentPod",
          "metadata": {"name": "\(name)"},
          "spec": {
            "bundle": "\(bundle)",
            "profile": "personal",
            "containers": [
              {
                "name": "main",
                "image": "\(image)",
                "command": ["sleep", "3600"],
                "env": [\(env)],
                "resources": {"cpu": "500m", "memory": "256Mi"}
              }
            ]\(selector.isEmpty ? "" : ",\n    \"placement\": {\"nodeSelector\": {\(selector)}}")
          }
        }

        """
    }

    static func bundle(_ name: String, pods: [String], dependsOn: [String] = []) -> String {
        """
        {
          "apiVersion": "agentplane.dev/v1alpha1",
          "kind": "Bundle",
          "metadata": {"name": "\(name)", "version": "1.0.0", "licensePolicy": {"allowAGPL": false}},
          "spec": {
            "pods": [\(pods.map { "\"\($0)\"" }.joined(separator: ", "))],
            "policy": {"maxRunSeconds": 120},
            "dependsOn": [\(dependsOn.map { "\"\($0)\"" }.joined(separator: ", "))],
            "components": [{"name": "busybox", "license": "GPL-2.0-only"}]
          }
        }

        """
    }

    static let profile = """
        {
          "apiVersion": "agentplane.dev/v1alpha1",
          "kind": "Profile",
          "metadata": {"name": "personal"},
          "spec": {
            "class": "personal",
            "network": {"mode": "open"},
            "models": {"allowedProviders": ["llama.cpp"], "hostedAllowed": false},
            "tools": {"allow": []},
            "containers": {"allowedRegistries": ["docker.io", "localhost"], "requireDigest": false, "privileged": false, "rootless": true},
            "budget": {"cpu": "4", "memory": "8Gi"}
          }
        }

        """

    static func fleet(extraNodes: String = "") -> String {
        """
        {
          "apiVersion": "agentplane.dev/v1alpha1",
          "kind": "Fleet",
          "metadata": {"name": "test"},
          "spec": {
            "stages": ["dev", "staging"],
            "nodes": [
              {"name": "dev-a", "stage": "dev", "labels": {"zone": "a"}, "capacity": {"cpu": "4", "memory": "8Gi"},
               "executor": {"type": "directory", "path": "nodes/dev-a"}},
              {"name": "dev-b", "stage": "dev", "labels": {"zone": "b"}, "capacity": {"cpu": "4", "memory": "8Gi"},
               "executor": {"type": "directory", "path": "nodes/dev-b"}},
              {"name": "staging-a", "stage": "staging", "capacity": {"cpu": "4", "memory": "8Gi"},
               "executor": {"type": "directory", "path": "nodes/staging-a"}}\(extraNodes)
            ]
          }
        }

        """
    }

    /// Writes the whole state into `sandbox` (not committed).
    static func write(into sandbox: GitSandbox) throws {
        try sandbox.write("desired/profiles/personal.json", profile)
        try sandbox.write("desired/bundles/base.json", bundle("base", pods: ["db"]))
        try sandbox.write("desired/bundles/app.json", bundle("app", pods: ["web", "worker"], dependsOn: ["base"]))
        try sandbox.write("desired/agentpods/db.json", pod("db", bundle: "base"))
        try sandbox.write("desired/agentpods/web.json", pod("web", bundle: "app"))
        try sandbox.write("desired/agentpods/worker.json", pod("worker", bundle: "app"))
        try sandbox.write("fleet/inventory.json", fleet())
    }
}
