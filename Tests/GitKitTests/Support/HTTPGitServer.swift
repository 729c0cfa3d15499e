import Foundation

/// A smart-HTTP git server on 127.0.0.1: a small Python server that demands HTTP basic
/// authentication with one user and token, then hands the request to `git http-backend`.
///
/// Python is found as `AGENTPLANE_TEST_PYTHON` (set by `make test`) or `python3` on PATH; when
/// neither exists the server fails to start with a message saying to run `make test`.
final class HTTPGitServer {
    let port: Int
    private let process: Process

    /// Serves the repositories under `root` (e.g. `root/remote.git`) to `user` with `token`.
    init(root: String, user: String, token: String, scratch: URL) throws {
        let python = try Self.python()
        let script = scratch.appendingPathComponent("git_http_server.py")
        try Data(Self.script.utf8).write(to: script)
        let output = scratch.appendingPathComponent("http-server.out")
        let errors = scratch.appendingPathComponent("http-server.err")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, root, user, token]
        process.environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": scratch.appendingPathComponent("home").path,
            "GIT_CONFIG_NOSYSTEM": "1",
        ]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first, let port = Int(line) {
                self.port = port
                self.process = process
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        throw SandboxError.gitFailed(["python3", "git_http_server.py"], "the HTTP git server did not start: \(message)")
    }

    /// SIGKILL: a child spawned from a test thread inherits its blocked signals, SIGTERM included.
    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// `http://[user@]127.0.0.1:PORT/NAME`.
    func url(_ name: String, user: String? = nil) -> String {
        "http://\(user.map { $0 + "@" } ?? "")127.0.0.1:\(port)/\(name)"
    }

    private static func python() throws -> String {
        if let configured = ProcessInfo.processInfo.environment["AGENTPLANE_TEST_PYTHON"],
            FileManager.default.isExecutableFile(atPath: configured)
        {
            return configured
        }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw SandboxError.gitFailed(["python3"], "python3 is missing: the HTTP transport tests need it; run `make test`")
    }

    private static let script = #"""
        import base64, os, subprocess, sys
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        ROOT, USER, TOKEN = sys.argv[1], sys.argv[2], sys.argv[3]
        EXPECTED = "Basic " + base64.b64encode(f"{USER}:{TOKEN}".encode()).decode()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                self.serve()

            def do_POST(self):
                self.serve()

            def body(self):
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    data = b""
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                        if size == 0:
                            self.rfile.readline()
                            return data
                        data += self.rfile.read(size)
                        self.rfile.readline()
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def serve(self):
                body = self.body()
                if self.headers.get("Authorization", "") != EXPECTED:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="git"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                path, _, query = self.path.partition("?")
                env = {
                    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                    "HOME": os.environ.get("HOME", "/nonexistent"),
                    "GIT_CONFIG_NOSYSTEM": "1",
                    "GIT_PROJECT_ROOT": ROOT,
                    "GIT_HTTP_EXPORT_ALL": "1",
                    "REMOTE_USER": USER,
                    "REQUEST_METHOD": self.command,
                    "PATH_INFO": path,
                    "QUERY_STRING": query,
                    "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                    "CONTENT_LENGTH": str(len(body)),
                }
                if self.headers.get("Content-Encoding"):
                    env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
                out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
                split = out.find(b"\r\n\r\n")
                head, rest = (out[:split], out[split + 4:]) if split >= 0 else out.split(b"\n\n", 1)
                status, headers = 200, []
                for line in head.replace(b"\r\n", b"\n").split(b"\n"):
                    key, _, value = line.decode().partition(":")
                    if key.lower() == "status":
                        status = int(value.strip().split()[0])
                    elif key:
                        headers.append((key, value.strip()))
                self.send_response(status)
                for key, value in headers:
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(rest)))
                self.end_headers()
                self.wfile.write(rest)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
