import Foundation

/// Throwaway ed25519 keys made with the real ssh-keygen, and allowed-signers files for them.
struct SSHKeys {
    /// The private key file; its public key is beside it with `.pub`.
    let privateKey: String
    /// `PRINCIPAL ssh-ed25519 AAAA…`: one line of an allowed-signers file.
    let allowedSignersLine: String

    /// Makes a key without passphrase at `directory/name` for `principal`.
    init(named name: String, in directory: URL, principal: String) throws {
        privateKey = directory.appendingPathComponent(name).path
        try Self.run(["-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", privateKey])
        let publicKey = try String(contentsOfFile: privateKey + ".pub", encoding: .utf8)
        let fields = publicKey.split(separator: " ")
        guard fields.count >= 2 else { throw SandboxError.gitFailed(["ssh-keygen"], "bad public key: \(publicKey)") }
        allowedSignersLine = "\(principal) \(fields[0]) \(fields[1])"
    }

    /// Writes an allowed-signers file listing `keys` and returns its path.
    static func allowedSigners(_ keys: [SSHKeys], at path: URL) throws -> String {
        try Data((keys.map(\.allowedSignersLine).joined(separator: "\n") + "\n").utf8).write(to: path)
        return path.path
    }

    /// Runs `/usr/bin/ssh-keygen` and returns its standard output; fails with instructions when
    /// it is missing.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let executable = "/usr/bin/ssh-keygen"
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw SandboxError.gitFailed(
                ["ssh-keygen"], "ssh-keygen is missing: these tests need OpenSSH's client tools; run `make test`")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sshkeys-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: scratch.path + ".out", contents: nil)
        FileManager.default.createFile(atPath: scratch.path + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: scratch.path + ".out")
            try? FileManager.default.removeItem(atPath: scratch.path + ".err")
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + ".err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let message = (try? Data(contentsOf: URL(fileURLWithPath: scratch.path + ".err"))) ?? Data()
        let output = (try? Data(contentsOf: URL(fileURLWithPath: scratch.path + ".out"))) ?? Data()
        guard process.terminationStatus == 0 else {
            throw SandboxError.gitFailed(["ssh-keygen"] + arguments, String(decoding: message, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }
}
