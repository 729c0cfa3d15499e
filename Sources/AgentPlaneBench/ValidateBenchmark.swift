import Foundation

/// Issue 2: `agentplane validate` on the generated tree against Python jsonschema's
/// Draft202012Validator on the same AgentPod files and schema.
struct ValidateBenchmark {
    var context: BenchContext

    /// The timed Python side: load the schema once, then read, parse and validate every file.
    static let pythonScript = """
        import json, os, sys
        from jsonschema import Draft202012Validator
        schema_path, folder = sys.argv[1], sys.argv[2]
        with open(schema_path, "rb") as f:
            schema = json.load(f)
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        names = sorted(n for n in os.listdir(folder) if n.endswith(".json"))
        invalid = 0
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                document = json.load(f)
            errors = list(validator.iter_errors(document))
            if errors:
                invalid += 1
                if invalid <= 5:
                    print(f"{name}: {errors[0].json_path}: {errors[0].message}", file=sys.stderr)
        print(f"{len(names)} files, {invalid} invalid")
        sys.exit(1 if invalid else 0)

        """

    func run() throws -> Table {
        var table = Table(title: "issue 2: validate \(Units.count(context.podCount)) AgentPods (schema + semantics)")
        let ours = try Sample.measure(
            ChildProcess(
                program: context.agentplane, arguments: ["validate", context.corpusRoot],
                stdoutPath: context.path("validate.out"), stderrPath: context.path("validate.err")),
            count: context.runs)

        let script = context.path("validate_jsonschema.py")
        try Self.pythonScript.write(toFile: script, atomically: true, encoding: .utf8)
        let python = context.python()
        let reference = try Sample.measure(
            ChildProcess(
                program: python,
                arguments: [
                    script, context.repositoryRoot + "/schemas/agentpod.schema.json", context.corpusRoot + "/desired/agentpods",
                ],
                stdoutPath: context.path("jsonschema.out"), stderrPath: context.path("jsonschema.err")),
            count: context.runs)

        let speedup = reference.wallSeconds / ours.wallSeconds
        table.add(
            .init(
                figure: "wall time, agentplane validate DIR", value: Units.seconds(ours.wallSeconds),
                comparison: "python jsonschema \(Units.seconds(reference.wallSeconds))",
                ratio: "\(Units.ratio(speedup)) faster", target: ">= 10x faster", verdict: speedup >= 10 ? .pass : .miss))
        table.add(
            .init(
                figure: "peak RSS, agentplane validate DIR", value: Units.megabytes(kib: ours.peakRSSKiB),
                comparison: "python jsonschema \(Units.megabytes(kib: reference.peakRSSKiB))",
                ratio: Units.ratio(Double(ours.peakRSSKiB) / Double(max(reference.peakRSSKiB, 1))),
                target: "< 200 MB", verdict: Double(ours.peakRSSKiB) * 1024 < 200_000_000 ? .pass : .miss))
        let pythonVersion =
            (try? String(contentsOfFile: context.path("jsonschema.out"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        table.notes = [
            "agentplane reads and checks \(Units.count(context.podCount + 104)) files (pods, 100 bundles, 3 profiles, a fleet of "
                + "\(Units.count(context.nodeCount)) nodes): JSON with positions, schema, decoding and every semantic rule.",
            "python (\(python)) validates only the \(Units.count(context.podCount)) AgentPod files against "
                + "schemas/agentpod.schema.json with format_checker; it reported: \(pythonVersion).",
            "median of \(context.runs) runs each; ours \(ours.described), runs \(ours.runs.map(Units.seconds).joined(separator: ", ")); "
                + "python \(reference.described), runs \(reference.runs.map(Units.seconds).joined(separator: ", ")); "
                + "CPU-time ratio \(Units.ratio(reference.cpuSeconds / ours.cpuSeconds)).",
        ]
        return table
    }
}
