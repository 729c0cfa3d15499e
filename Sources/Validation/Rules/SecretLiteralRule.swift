import Formats
import PlaneModel

/// A literal `value` for an environment variable whose name looks secret is an error: secret
/// values never belong in the repository, so such variables must use `secretRef`.
///
/// A name looks secret when one of its words is a secret word. Words are split at `_`, `-`,
/// `.` and lower-to-upper case changes (`API_KEY`, `apiKey`, `db.password` → api/key,
/// db/password), so `KEY` matches in `API_KEY` and `SSH_KEY_PATH` but not in
/// `KEYBOARD_LAYOUT`, and `TOKEN` does not match `TOKENIZERS_PARALLELISM`.
public enum SecretLiteralRule {
    /// Words that make a name look secret (upper case), including common joined forms.
    public static let secretWords: Set<String> = [
        "TOKEN", "TOKENS", "PASSWORD", "PASSWORDS", "PASSWD", "PASS", "PASSPHRASE",
        "SECRET", "SECRETS", "KEY", "KEYS", "APIKEY", "ACCESSKEY", "SECRETKEY", "PRIVATEKEY",
        "CREDENTIAL", "CREDENTIALS", "CREDS", "PRIVATE", "AUTH", "AUTHTOKEN", "ACCESSTOKEN",
        "BEARER", "JWT", "SIGNINGKEY", "CLIENTSECRET",
    ]

    static func check(_ context: SemanticContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for pod in context.documents.pods {
            for (containerIndex, container) in pod.spec.containers.enumerated() {
                for (envIndex, variable) in container.env.enumerated() {
                    guard case .value = variable.source, let word = secretWord(in: variable.name) else { continue }
                    out.append(context.diagnostic(
                        "secret-literal", file: pod.source.path,
                        pointer: "/spec/containers/\(containerIndex)/env/\(envIndex)/value",
                        "env '\(variable.name)' looks like a secret ('\(word)') but has a literal value; secret values must not be in the repository: use \"secretRef\": {\"name\": …} (a Podman secret or Kubernetes Secret) instead of \"value\""))
                }
            }
        }
        return out
    }

    /// The first word of `name` that looks secret (as written), or nil.
    public static func secretWord(in name: String) -> String? {
        if UTF8Scan.allSatisfy(name, { $0 < 0x80 }) { return asciiSecretWord(in: name) }
        return words(of: name).first { secretWords.contains($0.uppercased()) }
    }

    /// `secretWord(in:)` for an ASCII name, over its bytes (every pod's every variable goes
    /// through this; splitting into Characters and upper-casing each word was most of the
    /// rule's time).
    private static func asciiSecretWord(in name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes -> String? in
            var start = 0
            var previousWasLower = false
            func secret(_ range: Range<Int>) -> String? {
                guard !range.isEmpty, range.count <= longestSecretWord else { return nil }
                let word = UnsafeBufferPointer(rebasing: bytes[range])
                let upper = String(unsafeUninitializedCapacity: word.count) { out in
                    for (index, byte) in word.enumerated() {
                        out[index] = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 0x20 : byte
                    }
                    return word.count
                }
                return secretWords.contains(upper) ? String(decoding: word, as: UTF8.self) : nil
            }
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: " "):
                    if let word = secret(start..<index) { return word }
                    start = index + 1
                    previousWasLower = false
                    continue
                case UInt8(ascii: "A")...UInt8(ascii: "Z") where previousWasLower && start < index:
                    if let word = secret(start..<index) { return word }
                    start = index
                default:
                    break
                }
                previousWasLower =
                    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            }
            return secret(start..<bytes.count)
        }
    }

    /// The length of the longest secret word: longer words are never looked up.
    private static let longestSecretWord = secretWords.map(\.utf8.count).max() ?? 0

    /// `API_KEY` → [API, KEY]; `apiKey` → [api, Key]; `db.password-file` → [db, password, file].
    public static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in name {
            if character == "_" || character == "-" || character == "." || character == " " {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase, previousWasLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.append(character)
            previousWasLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
