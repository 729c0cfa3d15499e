import PlaneModel

/// Builds the executor of a node from its fleet entry.
public enum Executors {
    /// The executor for `node`, reaching it through `environment`'s programs and folders.
    public static func make(for node: Fleet.Node, environment: ExecutorEnvironment) -> any Executor {
        switch node.executor {
        case .directory(let path):
            return DirectoryExecutor(
                node: node, folder: resolve(path, against: environment.stateDirectory), environment: environment)
        case .quadlet(let unitDir, let scope, let systemctl):
            return QuadletExecutor(
                node: node, unitDirectory: resolve(expandHome(unitDir, environment), against: environment.stateDirectory),
                systemctl: QuadletExecutor.systemctlCommand(systemctl, scope: scope), environment: environment)
        case .podman(let connection):
            return PodmanExecutor(node: node, connection: connection, environment: environment)
        case .kubernetes(let context, let namespace):
            return KubernetesExecutor(node: node, context: context, namespace: namespace, environment: environment)
        }
    }

    /// `path` with a leading `~/` replaced by the home folder (`HOME` of the child environment).
    static func expandHome(_ path: String, _ environment: ExecutorEnvironment) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment.childEnvironment()["HOME"], !home.isEmpty else {
            return path
        }
        return home + path.dropFirst()
    }

    /// `path` when absolute, else `base/path`.
    static func resolve(_ path: String, against base: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.isEmpty || path == "." { return base }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }
}
