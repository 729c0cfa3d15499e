import Formats
import PlaneModel
import Planning

/// The five artifacts of a run, as JSON values (schemas/evidence-*.schema.json).
enum Artifacts {
    static func header(_ kind: String, _ input: RunEvidenceInput) -> [(String, JSONValue)] {
        [
            ("apiVersion", "agentplane.dev/v1alpha1"), ("kind", .string(kind)), ("runId", .string(input.runID)),
            ("revision", .string(input.revision)),
        ]
    }

    static func validation(_ input: RunEvidenceInput) -> JSONValue {
        .object(header("ValidationArtifact", input) + [
            ("desiredTree", input.desiredTree.map(JSONValue.string) ?? .null),
            ("fleetTree", input.fleetTree.map(JSONValue.string) ?? .null),
            ("valid", true),
            ("files", .array(of: input.validatedFiles.sorted { $0.path < $1.path }.map { f in
                .object([("path", .string(f.path)), ("sha256", .string(f.sha256))])
            })),
            ("warnings", .array(of: input.warnings.sorted().map { .string($0.formatted) })),
        ])
    }

    static func activation(_ input: RunEvidenceInput) -> JSONValue {
        .object(header("ActivationDecision", input) + [
            ("decisions", .array(of: input.activations.map(DecisionJSON.activation)))
        ])
    }

    static func placement(_ input: RunEvidenceInput) -> JSONValue {
        .object(header("PlacementDecision", input) + [
            ("decisions", .array(of: input.placements.map(DecisionJSON.placement)))
        ])
    }

    static func run(_ input: RunEvidenceInput) -> JSONValue {
        .object(header("RunArtifact", input) + [
            ("agentplaneVersion", .string(input.agentplaneVersion)),
            ("startedAt", .string(input.startedAt)),
            ("finishedAt", .string(input.finishedAt)),
            ("result", .string(input.result)),
            ("reason", .string(input.reason ?? "reconcile")),
            ("nodes", .array(of: input.plan.nodes.map { n in
                .object([
                    ("node", .string(n.node)), ("stage", .string(n.stage)), ("executor", .string(n.executor.rawValue)),
                    ("revision", .string(n.revision)), ("observedDigest", .string(n.observedDigest)),
                    ("planned", .number(n.changes.count)), ("unchanged", .number(n.unchanged)),
                ])
            })),
            ("applied", .array(of: input.applied.map { a in
                .object([
                    ("node", .string(a.node)), ("action", .string(a.action)), ("path", .string(a.path)),
                    ("pod", a.pod.map(JSONValue.string) ?? .null), ("reason", .string(a.reason)),
                    ("beforeDigest", a.beforeDigest.map(JSONValue.string) ?? .null),
                    ("afterDigest", a.afterDigest.map(JSONValue.string) ?? .null),
                ])
            })),
            ("failures", .array(of: input.failures.map { f in .object([("node", .string(f.node)), ("message", .string(f.message))]) })),
            ("smoke", .array(of: input.smoke.map { s in
                .object([
                    ("node", .string(s.node)), ("bundle", .string(s.bundle)), ("name", .string(s.name)), ("pod", .string(s.pod)),
                    ("passed", .bool(s.passed)), ("status", s.status.map { .number($0) } ?? .null), ("output", .string(s.output)),
                ])
            })),
        ])
    }

    static func replay(_ input: RunEvidenceInput) -> JSONValue {
        .object(header("ReplayArtifact", input) + [
            ("agentplaneVersion", .string(input.agentplaneVersion)),
            ("desiredTree", input.desiredTree.map(JSONValue.string) ?? .null),
            ("fleetTree", input.fleetTree.map(JSONValue.string) ?? .null),
            ("nodes", .array(of: input.rendered.keys.sorted().map { node in
                let stageRevision = input.plan.nodes.first { $0.node == node }?.revision ?? input.revision
                return .object([
                    ("node", .string(node)), ("revision", .string(stageRevision)),
                    ("objects", .array(of: (input.rendered[node] ?? [:]).sorted { $0.key < $1.key }.map { path, digest in
                        .object([("path", .string(path)), ("sha256", .string(digest))])
                    })),
                ])
            })),
        ])
    }
}
