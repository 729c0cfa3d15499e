import PlaneModel

extension DesiredDocuments {
    /// Adds `document` to the collection of its kind (a second Fleet replaces the first).
    public mutating func insert(_ document: DecodedDocument) {
        switch document {
        case .agentPod(let pod): pods.append(pod)
        case .bundle(let bundle): bundles.append(bundle)
        case .profile(let profile): profiles.append(profile)
        case .fleet(let fleet): self.fleet = fleet
        }
    }
}
