import Foundation
import Testing

/// SSH signatures with real keys: signed evidence and promotion commits, and `--require-signed`.
@Suite("signatures")
struct SignatureTests {
    struct Keys {
        let folder: URL
        let allowed: URL
        let key: URL
        let stranger: URL

        init(in base: URL) throws {
            folder = base.appendingPathComponent("keys")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            key = folder.appendingPathComponent("ops")
            stranger = folder.appendingPathComponent("stranger")
            for file in [key, stranger] {
                let made = try runTool("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", file.lastPathComponent, "-f", file.path])
                #expect(made.code == 0, "ssh-keygen is needed (run `make test`): \(made.stderr)")
            }
            let publicKey = try String(contentsOf: URL(fileURLWithPath: key.path + ".pub"), encoding: .utf8)
            allowed = folder.appendingPathComponent("allowed_signers")
            try Data("ops@example.com \(publicKey)".utf8).write(to: allowed)
        }
    }

    func signedCommit(_ world: ReconcileDryRunTests.World, key: URL, message: String) throws {
        try world.repo.git("add", "-A")
        try world.repo.git("-c", "gpg.format=ssh", "-c", "user.signingkey=\(key.path)", "commit", "-q", "-S", "--allow-empty", "-m", message)
    }

    @Test func requireSignedRefusesUnsignedAndStrangersAndAcceptsAllowedKeys() throws {
        let world = try ReconcileDryRunTests.World()
        let keys = try Keys(in: world.state.deletingLastPathComponent())
        let base = ["reconcile", "--dry-run", "--repo", world.repo.path, "--state-dir", world.state.path,
                    "--require-signed", "--allowed-signers", keys.allowed.path]
        let unsigned = runInProcess(base)
        #expect(unsigned.code == 1)
        #expect(unsigned.stderr.contains("the commit is not signed (--require-signed); nothing was changed"))
        try signedCommit(world, key: keys.stranger, message: "signed by a stranger")
        let stranger = runInProcess(base)
        #expect(stranger.code == 1)
        #expect(stranger.stderr.contains("not in the allowed signers file"))
        try signedCommit(world, key: keys.key, message: "signed by ops")
        let allowed = runInProcess(base)
        #expect(allowed.code == 2, "\(allowed.stderr)")
        let missing = runInProcess(["reconcile", "--dry-run", "--repo", world.repo.path, "--require-signed"])
        #expect(missing.code == 64)
    }

    @Test func signedEvidenceAndPromotionCommitsVerifyWithGit() throws {
        let world = try ReconcileDryRunTests.World()
        let keys = try Keys(in: world.state.deletingLastPathComponent())
        let run = runInProcess(["reconcile", "--repo", world.repo.path, "--state-dir", world.state.path, "--sign-key", keys.key.path,
                                "--author", "Bot <bot@example.com>"])
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
        let branch = try world.repo.git("branch", "--list", "agentplane/promote/*", "--format=%(refname:short)")
        let verified = try runTool("git", ["-C", world.repo.path, "-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile=\(keys.allowed.path)",
                                           "verify-commit", branch])
        #expect(verified.code == 0, "git verify-commit: \(verified.stderr)")
        #expect(verified.stderr.contains("Good \"git\" signature for ops@example.com"))
        let evidence = runInProcess(["evidence", "verify", "--rev", branch, "--allowed-signers", keys.allowed.path, world.repo.path])
        #expect(evidence.code == 0, "\(evidence.stdout)")
        let strangers = keys.folder.appendingPathComponent("strangers_only")
        let strangerKey = try String(contentsOf: URL(fileURLWithPath: keys.stranger.path + ".pub"), encoding: .utf8)
        try Data("x@example.com \(strangerKey)".utf8).write(to: strangers)
        let refused = runInProcess(["evidence", "verify", "--rev", branch, "--allowed-signers", strangers.path, world.repo.path])
        #expect(refused.code == 1)
        #expect(refused.stdout.contains("manifest signature"))
        let approveRefused = runInProcess(["promote", "approve", branch, "--repo", world.repo.path, "--allowed-signers", strangers.path])
        #expect(approveRefused.code == 1)
        let approve = runInProcess(["promote", "approve", branch, "--repo", world.repo.path, "--allowed-signers", keys.allowed.path,
                                    "--sign-key", keys.key.path, "--author", "Rita <rita@example.com>"])
        #expect(approve.code == 0, "\(approve.stderr)")
        let merge = try runTool("git", ["-C", world.repo.path, "-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile=\(keys.allowed.path)",
                                        "verify-commit", "HEAD"])
        #expect(merge.code == 0, "\(merge.stderr)")
    }
}
