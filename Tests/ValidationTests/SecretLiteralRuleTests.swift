import Testing
import Validation

/// SecretLiteralRule: a literal value for a secret-looking env name is an error naming secretRef.
@Suite struct SecretLiteralRuleTests {
    private func repo(env: String) -> TestRepo {
        TestRepo.baseline.with("desired/agentpods/web.json", TestDocuments.pod(
            "web", container: #"{"name": "app", "image": "docker.io/library/nginx:1.27", "env": [\#(env)]}"#))
    }

    private func message(_ name: String, word: String, column: Int) -> String {
        "desired/agentpods/web.json:9:\(column): error: /spec/containers/0/env/0/value: env '\(name)' looks like a secret ('\(word)') but has a literal value; secret values must not be in the repository: use \"secretRef\": {\"name\": …} (a Podman secret or Kubernetes Secret) instead of \"value\""
    }

    @Test(arguments: [
        ("API_KEY", "KEY"), ("GITHUB_TOKEN", "TOKEN"), ("DB_PASSWORD", "PASSWORD"), ("SMTP_PASSWD", "PASSWD"),
        ("CLIENT_SECRET", "SECRET"), ("AWS_CREDENTIALS", "CREDENTIALS"), ("SSH_PRIVATE_KEY_PATH", "PRIVATE"),
        ("AUTH_HEADER", "AUTH"), ("apiKey", "Key"), ("OPENAI_APIKEY", "APIKEY"),
    ])
    func secretLookingNamesWithLiteralValuesAreErrors(name: String, word: String) {
        let env = "{\"name\": \"\(name)\", \"value\": \"x\"}"
        // The value starts after `{"name": "app", "image": "docker.io/library/nginx:1.27", "env": [{"name": "<name>", "value": `.
        let column = 7 + 65 + 10 + name.count + 12
        #expect(repo(env: env).messages() == [message(name, word: word, column: column)])
    }

    @Test(arguments: ["KEYBOARD_LAYOUT", "TOKENIZERS_PARALLELISM", "MONKEY", "PATH", "LOG_LEVEL", "SECRETARY_NAME", "PWD"])
    func ordinaryNamesMayHaveValues(name: String) {
        #expect(repo(env: "{\"name\": \"\(name)\", \"value\": \"x\"}").messages() == [])
    }

    @Test func secretRefIsTheWayToPassSecrets() {
        let env = #"{"name": "API_KEY", "secretRef": {"name": "openai", "key": "api-key"}}"#
        #expect(repo(env: env).messages() == [])
    }

    /// secretWord answers ASCII names from their bytes; it must agree with the word split.
    @Test(arguments: [
        "API_KEY", "apiKey", "db.password-file", "KEYBOARD_LAYOUT", "TOKENIZERS_PARALLELISM", "x", "", "_", "__KEY__",
        "myApiKey2", "key", "Key", "aKEY", "a1Key", "A.B-C D", "PRIVATEKEY_FILE", "CLIENTSECRETS", "clientSecret",
        "SECRET", "passphrase", "LONGWORDTHATISNOTASECRETATALL_KEY", "grüßeKey", "日本_TOKEN", "naïve_pass",
        "KEY\r\nX", "keyS", "jwt", "JWT_", "-PASS-",
    ])
    func theSecretWordAgreesWithTheWordSplit(name: String) {
        let expected = SecretLiteralRule.words(of: name).first { SecretLiteralRule.secretWords.contains($0.uppercased()) }
        #expect(SecretLiteralRule.secretWord(in: name) == expected, "\(name.debugDescription)")
    }

    @Test func wordsAreSplitAtSeparatorsAndCaseChanges() {
        #expect(SecretLiteralRule.words(of: "API_KEY") == ["API", "KEY"])
        #expect(SecretLiteralRule.words(of: "apiKey") == ["api", "Key"])
        #expect(SecretLiteralRule.words(of: "db.password-file") == ["db", "password", "file"])
        #expect(SecretLiteralRule.words(of: "KEYBOARD_LAYOUT") == ["KEYBOARD", "LAYOUT"])
    }
}
