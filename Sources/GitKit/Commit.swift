/// A commit copied out of the repository: ids, message, author and committer.
public struct Commit: Hashable, Sendable {
    public let id: ObjectID
    /// The id of the commit's root tree.
    public let treeID: ObjectID
    /// Parent ids in order: none for a root commit, two or more for a merge.
    public let parentIDs: [ObjectID]
    /// The full message, as stored.
    public let message: String
    public let author: Signature
    public let committer: Signature

    public init(
        id: ObjectID, treeID: ObjectID, parentIDs: [ObjectID], message: String,
        author: Signature, committer: Signature
    ) {
        self.id = id
        self.treeID = treeID
        self.parentIDs = parentIDs
        self.message = message
        self.author = author
        self.committer = committer
    }

    /// The first line of the message.
    public var summary: String {
        String(message.prefix { $0 != "\n" })
    }

    /// Who made a commit, and when: a name, an email and a time with its UTC offset.
    public struct Signature: Hashable, Sendable {
        public let name: String
        public let email: String
        /// Seconds since the Unix epoch.
        public let time: Int64
        /// The author's UTC offset in minutes (+120 for UTC+2).
        public let offsetMinutes: Int

        public init(name: String, email: String, time: Int64, offsetMinutes: Int = 0) {
            self.name = name
            self.email = email
            self.time = time
            self.offsetMinutes = offsetMinutes
        }
    }
}
