import Testing
import Validation

/// DependencyCycleRule: dependsOn cycles are errors that name the whole cycle.
@Suite struct DependencyCycleRuleTests {
    @Test func threeBundleCycleIsNamedInFull() {
        let repo = TestRepo.baseline.withBundles([("a", ["b"]), ("b", ["c"]), ("c", ["a"])])
        #expect(repo.messages() == [
            "desired/bundles/a.json:7:19: error: /spec/dependsOn/0: bundle cycle: a → b → c → a; dependsOn must not loop, or no bundle could be applied first"
        ])
    }

    @Test func selfDependency() {
        let repo = TestRepo.baseline.withBundles([("solo", ["core", "solo"])])
        #expect(repo.messages() == [
            "desired/bundles/solo.json:7:27: error: /spec/dependsOn/1: bundle cycle: solo → solo; dependsOn must not loop, or no bundle could be applied first"
        ])
    }

    @Test func eachSeparateCycleIsReported() {
        let repo = TestRepo.baseline.withBundles([("a", ["b"]), ("b", ["a"]), ("x", ["y"]), ("y", ["x", "a"])])
        #expect(repo.messages() == [
            "desired/bundles/a.json:7:19: error: /spec/dependsOn/0: bundle cycle: a → b → a; dependsOn must not loop, or no bundle could be applied first",
            "desired/bundles/x.json:7:19: error: /spec/dependsOn/0: bundle cycle: x → y → x; dependsOn must not loop, or no bundle could be applied first",
        ])
    }

    @Test func theShortestCycleThroughTheFirstBundleIsShown() {
        // a → b → a and a → c → d → a share a; the shortest is named.
        let repo = TestRepo.baseline.withBundles([("a", ["c", "b"]), ("b", ["a"]), ("c", ["d"]), ("d", ["a"])])
        #expect(repo.messages() == [
            "desired/bundles/a.json:7:24: error: /spec/dependsOn/1: bundle cycle: a → b → a; dependsOn must not loop, or no bundle could be applied first"
        ])
    }

    @Test func aDiamondIsNotACycle() {
        let repo = TestRepo.baseline.withBundles([("top", ["left", "right"]), ("left", ["base"]), ("right", ["base"]), ("base", ["core"])])
        #expect(repo.messages() == [])
    }
}
