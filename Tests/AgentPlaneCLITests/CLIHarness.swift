import Foundation
import Testing

@testable import AgentPlaneCLI

/// What a command printed and how it exited.
struct CommandResult: Sendable {
    var code: Int32
    var stdout: String
    var stderr: String
}

/// Runs a command line in-process with a capturing console.
func runInProcess(_ arguments: [String], in directory: String = FileManager.default.currentDirectoryPath,
                  environment: [String: String] = [:]) -> CommandResult {
    final class Buffer: @unchecked Sendable {
        let lock = NSLock()
        var text = ""
        func append(_ s: String) {
            lock.lock()
            text += s
            lock.unlock()
        }
    }
    let out = Buffer()
    let err = Buffer()
    let console = Console(colorEnabled: false, out: { out.append($0) }, err: { err.append($0) })
    let context = CommandContext(console: console, environment: environment, currentDirectory: directory)
    let code = AgentPlane.run(arguments, context: context)
    return CommandResult(code: code.rawValue, stdout: out.text, stderr: err.text)
}

/// The built `agentplane` executable, next to the test bundle in the build directory.
func agentplaneBinary() throws -> URL {
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = runner.deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("agentplane")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return candidate
        }
        directory = directory.deletingLastPathComponent()
    }
    throw HarnessError(message: "agentplane binary not found near \(runner.path); run `make test` (it builds it)")
}

struct HarnessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs the real binary as a child process.
func runBinary(_ arguments: [String], in directory: String, environment extra: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = try agentplaneBinary()
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    let outPipe = Pipe()
    let errPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    try process.run()
    let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
    let errData = errPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
        code: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self)
    )
}

/// The repository root (this file is Tests/AgentPlaneCLITests/CLIHarness.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary directory, removed by the caller with `cleanup`.
func temporaryDirectory(_ label: String = "cli") throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("agentplane-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
