import PlaneModel

/// Bundle policy: `spec.policy.maxRunSeconds` is 5–3600 (the apply timeout of the bundle),
/// `metadata.licensePolicy.allowAGPL` is false, and no component's licence mentions AGPL, in
/// any SPDX expression (`AGPL-3.0-only`, `MIT OR AGPL-3.0-or-later`, `LicenseRef-AGPL`).
enum BundlePolicyRules {
    /// The allowed range of `spec.policy.maxRunSeconds`.
    static let maxRunSecondsRange = 5...3600

    static func check(_ context: SemanticContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for bundle in context.documents.bundles {
            let path = bundle.source.path
            let seconds = bundle.spec.maxRunSeconds
            if !maxRunSecondsRange.contains(seconds) {
                out.append(context.diagnostic(
                    "max-run-seconds", file: path, pointer: "/spec/policy/maxRunSeconds",
                    "maxRunSeconds \(seconds) is out of range: the bundle's apply timeout must be \(maxRunSecondsRange.lowerBound)–\(maxRunSecondsRange.upperBound) seconds"))
            }
            if bundle.allowAGPL {
                out.append(context.diagnostic(
                    "license", file: path, pointer: "/metadata/licensePolicy/allowAGPL",
                    "allowAGPL must be false: AGPL-licensed components are not allowed in a bundle"))
            }
            for (index, component) in bundle.spec.components.enumerated() where mentionsAGPL(component.license) {
                out.append(context.diagnostic(
                    "license", file: path, pointer: "/spec/components/\(index)/license",
                    "component '\(component.name)' has licence '\(component.license)', which includes AGPL; AGPL-licensed components are not allowed"))
            }
        }
        return out
    }

    /// Whether an SPDX licence expression mentions AGPL anywhere (case-insensitive), so an
    /// `OR` choice or a `WITH` exception cannot slip it through.
    static func mentionsAGPL(_ license: String) -> Bool {
        license.uppercased().contains("AGPL")
    }
}
