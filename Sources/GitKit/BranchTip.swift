/// A branch and the commit it points at, as ``Repository/branches(matching:)`` lists it.
public struct BranchTip: Hashable, Sendable {
    /// The name as `git branch -a` shows it: `agentplane/promote/run-1`, or
    /// `origin/agentplane/promote/run-1` for a remote-tracking branch.
    public let name: String
    /// The full reference: `refs/heads/…` or `refs/remotes/…`.
    public let reference: String
    /// The commit the branch points at.
    public let tip: ObjectID

    public init(name: String, reference: String, tip: ObjectID) {
        self.name = name
        self.reference = reference
        self.tip = tip
    }

    /// Whether this is a remote-tracking branch (`refs/remotes/…`).
    public var isRemoteTracking: Bool { reference.hasPrefix("refs/remotes/") }
}
