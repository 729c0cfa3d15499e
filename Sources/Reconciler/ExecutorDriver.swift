import Executors
import PlaneModel
import Planning

/// Drives nodes through their real executors: observe, apply one change, settle, exec.
public struct ExecutorDriver: NodeDriver {
    public var environment: ExecutorEnvironment

    public init(environment: ExecutorEnvironment) {
        self.environment = environment
    }

    public func observe(_ node: Fleet.Node) throws(ReconcileError) -> NodeObservation {
        try ExecutorObserver(environment: environment).observe(node)
    }

    public func apply(_ change: Change, on node: Fleet.Node, timeout: Double) throws(DriverFailure) {
        let executor = Executors.make(for: node, environment: environment)
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, timeout) * 1000))
        do throws(ExecutorError) {
            switch executor {
            case let directory as DirectoryExecutor:
                try directory.apply(change, deadline: deadline)
            default:
                throw ExecutorError.unexpectedOutput(
                    node.executor.kind.rawValue, "applying to \(node.executor.kind.rawValue) nodes is not available in this build")
            }
        } catch {
            throw DriverFailure(message: error.description, retryable: error.isRetryable)
        }
    }

    public func settle(_ changes: [Change], on node: Fleet.Node, timeout: Double) throws(DriverFailure) {
        // Directory nodes have nothing to reload or start.
    }

    public func exec(pod: String, container: String?, argv: [String], on node: Fleet.Node, timeout: Double)
        throws(DriverFailure) -> ExecResult
    {
        guard case .directory(let path) = node.executor, let program = argv.first else {
            throw DriverFailure(message: "smoke checks on \(node.executor.kind.rawValue) nodes are not available in this build", retryable: false)
        }
        let folder = path.hasPrefix("/") ? path : environment.stateDirectory + "/" + path
        do throws(ExecutorError) {
            let resolved = try environment.locate(program)
            let shell = try environment.locate("sh")
            // Runs in the node's folder, with the pod's name in AGENTPLANE_POD.
            let command = Subprocess(
                argv: [shell, "-c", "cd \"$0\" && exec \"$@\"", folder, resolved] + argv.dropFirst(),
                environment: environment.childEnvironment().merging(["AGENTPLANE_POD": pod]) { _, new in new },
                timeoutSeconds: timeout)
            let result = try command.run()
            return ExecResult(status: result.status, output: result.stdoutText + result.stderrText)
        } catch {
            throw DriverFailure(message: error.description, retryable: false)
        }
    }
}
