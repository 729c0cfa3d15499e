import Foundation

/// Where executors run: the state directory, the programs they call and the environment of
/// those programs.
///
/// Defaults come from the reconciler's own environment: programs are found on `PATH`, and child
/// processes inherit this process's environment plus `extraEnvironment` (for example
/// `CONTAINERS_CONF`, `KUBECONFIG` or `CONTAINER_HOST`).
public struct ExecutorEnvironment: Sendable {
    /// Relative `directory` executor paths resolve against this folder.
    public var stateDirectory: String
    /// Explicit program paths by name (`podman`, `kubectl`, `systemctl`); a name not listed is
    /// looked up on `searchPath`.
    public var programs: [String: String]
    /// Folders searched for programs, in order (`PATH` by default).
    public var searchPath: [String]
    /// Variables added to (or replacing) the inherited environment of every child process.
    public var extraEnvironment: [String: String]
    /// The time one observing command may take before it is killed.
    public var observeTimeoutSeconds: Double
    /// The most bytes one command may print on stdout or on stderr.
    public var outputLimit: Int

    /// 16 MiB: far more than any listing of owned objects, far less than memory.
    public static let defaultOutputLimit = 16 * 1024 * 1024

    public init(
        stateDirectory: String,
        programs: [String: String] = [:],
        searchPath: [String]? = nil,
        extraEnvironment: [String: String] = [:],
        observeTimeoutSeconds: Double = 120,
        outputLimit: Int = ExecutorEnvironment.defaultOutputLimit
    ) {
        self.stateDirectory = stateDirectory
        self.programs = programs
        self.searchPath = searchPath ?? Self.processSearchPath()
        self.extraEnvironment = extraEnvironment
        self.observeTimeoutSeconds = observeTimeoutSeconds
        self.outputLimit = outputLimit
    }

    /// Sets the path of `program` (`podman`, `kubectl`, `systemctl`…).
    public func with(program name: String, at path: String) -> ExecutorEnvironment {
        var copy = self
        copy.programs[name] = path
        return copy
    }

    /// The folders of this process's `PATH`.
    public static func processSearchPath() -> [String] {
        let value = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return value.split(separator: ":").map(String.init)
    }

    // MARK: - Programs

    /// The absolute path of `name`: the configured path if any, a path as given if `name`
    /// contains a `/`, else the first executable file named `name` on `searchPath`.
    public func locate(_ name: String) throws(ExecutorError) -> String {
        if let configured = programs[name] {
            guard Self.isExecutableFile(configured) else {
                throw .missingProgram(name, searched: [], configured: configured)
            }
            return configured
        }
        if name.contains("/") {
            guard Self.isExecutableFile(name) else {
                throw .missingProgram(name, searched: [name])
            }
            return name
        }
        for folder in searchPath where !folder.isEmpty {
            let candidate = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            if Self.isExecutableFile(candidate) { return candidate }
        }
        throw .missingProgram(name, searched: searchPath)
    }

    /// True for a regular file (symlinks followed) with an execute bit this process may use.
    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }

    /// The environment of a child process: this process's, then `extraEnvironment`.
    public func childEnvironment() -> [String: String] {
        var variables = Self.processEnvironment()
        variables.merge(extraEnvironment) { _, extra in extra }
        return variables
    }

    /// This process's environment.
    static func processEnvironment() -> [String: String] {
        ProcessInfo.processInfo.environment
    }
}
