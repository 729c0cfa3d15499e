// swift-tools-version:6.0
// agentplane: a file-driven GitOps reconciler for AI agent workloads.
//
// The targets follow the pipeline of docs/DESIGN (load → validate → admit → place → render →
// observe → plan → apply → evidence → promote). Dependencies point inward, to PlaneModel.
import PackageDescription

let package = Package(
    name: "agentplane",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "agentplane", targets: ["agentplane"]),
        .executable(name: "agentplane-bench", targets: ["AgentPlaneBench"]),
    ],
    targets: [
        // libgit2 through pkg-config; only GitKit imports it.
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        // SQLite through pkg-config; only StateStore imports it.
        .systemLibrary(
            name: "CSQLite3",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // Value types shared by every stage: documents, names, digests, Diagnostic. No I/O, no C.
        .target(name: "PlaneModel"),
        // JSON reader with positions, JSON writer, JSON Schema validator, YAML writer, SHA-256. Pure.
        .target(name: "Formats"),
        // The only importer of CGit2: repository, refs, tree reader, commit writer, clone/fetch/push, merges, SSH signatures.
        .target(name: "GitKit", dependencies: ["CGit2", "Formats"]),
        // The only importer of CSQLite3: runs, action journal, operation events, node leases, status.
        .target(name: "StateStore", dependencies: ["CSQLite3"]),
        // A directory or a git tree at a revision → parsed documents, each tagged with its path.
        .target(name: "DesiredState", dependencies: ["PlaneModel", "Formats", "GitKit"]),
        // Schema and semantic rules → [Diagnostic]. Pure.
        .target(name: "Validation", dependencies: ["PlaneModel", "Formats", "DesiredState"], exclude: ["embed-schemas.sh"]),
        // Profiles and bundle policy → ActivationDecision per pod; deny wins. Pure.
        .target(name: "Admission", dependencies: ["PlaneModel", "Formats"]),
        // Pods × nodes of a stage → PlacementDecision: hard constraints, then a score. Pure.
        .target(name: "Placement", dependencies: ["PlaneModel"]),
        // Quadlet units and Kubernetes manifests → [RenderedObject], byte-stable. Pure.
        .target(name: "Rendering", dependencies: ["PlaneModel", "Formats"]),
        // Rendered vs observed → Plan (a value): create, update, delete, in apply order. Pure.
        .target(name: "Planning", dependencies: ["PlaneModel", "Formats", "Rendering"]),
        // Executor protocol; directory, quadlet, podman, kubernetes: observe (and apply) on a node.
        .target(name: "Executors", dependencies: ["PlaneModel", "Formats", "Rendering", "Planning"]),
        // The phases in order: load → validate → admit → place → render → observe → plan (→ apply).
        .target(
            name: "Reconciler",
            dependencies: [
                "PlaneModel", "Formats", "GitKit", "DesiredState", "Validation", "Admission", "Placement", "Rendering",
                "Planning", "StateStore", "Executors", "Evidence", "Promotion",
            ]
        ),
        // Run artifacts, the manifest hash chain, SUMMARY.md, verification. Pure.
        .target(name: "Evidence", dependencies: ["PlaneModel", "Formats", "Planning"]),
        // Promotion branches, state pointers, approve / reject, rollback, over GitKit.
        .target(name: "Promotion", dependencies: ["PlaneModel", "Formats", "GitKit", "Evidence"]),
        // Commands, argument parsing, output and exit codes.
        .target(
            name: "AgentPlaneCLI",
            dependencies: [
                "PlaneModel", "Formats", "GitKit", "DesiredState", "Validation", "Admission", "Placement",
                "Rendering", "Planning", "Reconciler", "Executors", "StateStore", "Evidence", "Promotion",
            ]
        ),
        // main.swift: one call into AgentPlaneCLI.
        .executableTarget(name: "agentplane", dependencies: ["AgentPlaneCLI"]),
        // `make bench`: the benchmark tables of the issues (a report, never a test).
        .executableTarget(
            name: "AgentPlaneBench",
            dependencies: ["PlaneModel", "Formats", "DesiredState", "Validation", "Admission", "Placement", "Rendering", "Reconciler"]
        ),

        .testTarget(name: "FormatsTests", dependencies: ["Formats"], exclude: ["Fixtures"]),
        .testTarget(name: "GitKitTests", dependencies: ["GitKit"]),
        .testTarget(
            name: "ValidationTests",
            dependencies: ["Validation", "DesiredState", "PlaneModel", "Formats"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RenderingTests",
            dependencies: ["Rendering", "DesiredState", "Validation", "PlaneModel", "Formats"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "AdmissionTests", dependencies: ["Admission", "PlaneModel"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "Rendering", "Formats", "PlaneModel"]),
        .testTarget(name: "StateStoreTests", dependencies: ["StateStore"]),
        .testTarget(name: "EvidenceTests", dependencies: ["Evidence", "Planning", "Formats", "PlaneModel"]),
        .testTarget(name: "PlacementTests", dependencies: ["Placement", "PlaneModel"]),
        .testTarget(
            name: "ExecutorsTests", dependencies: ["Executors", "Rendering", "Planning", "PlaneModel", "Formats"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "ReconcilerTests", dependencies: ["Reconciler", "GitKit", "PlaneModel", "Planning"]),
        .testTarget(
            name: "AgentPlaneCLITests",
            dependencies: ["AgentPlaneCLI", "GitKit", "Formats", "StateStore"]
        ),
        // deploy/: systemd units, Quadlet files and Kubernetes manifests, checked by outside tools.
        .testTarget(name: "DeployTests", dependencies: ["Rendering"]),
    ],
    swiftLanguageModes: [.v6]
)
