import DesiredState
import PlaneModel
import Testing

/// Where documents live: every path rule of `SourceLayout`, by byte (the rules are checked on
/// the UTF-8 bytes of the path, so names in any script classify as their ASCII twins do).
struct SourceLayoutTests {
    @Test(arguments: [
        ("fleet/inventory.json", SourceLayout.Role.document(.fleet)),
        ("desired/agentpods/web.json", .document(.agentPod)),
        ("desired/bundles/b.json", .document(.bundle)),
        ("desired/profiles/p.json", .document(.profile)),
        ("desired/agentpods/café-ü.json", .document(.agentPod)),
        ("desired/agentpods/team/web.json", .misplacedJSON),
        ("desired/agentpod/web.json", .misplacedJSON),
        ("desired/agentpodsx/web.json", .misplacedJSON),
        ("desired/agentpods.json", .misplacedJSON),
        ("fleet/nodes.json", .misplacedJSON),
        ("fleet/inventory.json/x.json", .misplacedJSON),
        ("desired/agentpods/.hidden.json", .ignoredQuietly),
        ("desired/agentpods/.json", .ignoredQuietly),
        ("desired/agentpods/README", .ignoredQuietly),
        ("desired/agentpods/notes.md", .ignoredQuietly),
        ("desired/agentpods/web.JSON", .ignoredWithWarning),
        ("desired/agentpods/web.json.bak", .ignoredWithWarning),
        ("desired/agentpods/web.jsn", .ignoredWithWarning),
        ("fleet/inventory.jsonx", .ignoredWithWarning),
    ])
    func eachPathHasItsRole(path: String, role: SourceLayout.Role) {
        #expect(SourceLayout.role(of: path) == role, "\(path)")
        if case .document(let kind) = role {
            #expect(SourceLayout.documentKind(at: path) == kind)
        } else {
            #expect(SourceLayout.documentKind(at: path) == nil, "\(path)")
        }
    }

    @Test func theExpectedNameIsTheFileNameWithoutJSON() {
        #expect(SourceLayout.expectedName(at: "desired/agentpods/web.json") == "web")
        #expect(SourceLayout.expectedName(at: "desired/agentpods/café.json") == "café")
        #expect(SourceLayout.expectedName(at: "fleet/inventory.json") == nil)
        #expect(SourceLayout.expectedName(at: "desired/agentpods/team/web.json") == nil)
    }
}
