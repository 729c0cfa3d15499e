import CGit2

/// Conversions between ``ObjectID`` and libgit2's `git_oid`.
extension ObjectID {
    /// Copies a `git_oid`.
    init(_ oid: git_oid) {
        self = withUnsafeBytes(of: oid.id) { ObjectID(rawBytes: $0) }
    }

    /// Copies a borrowed `const git_oid *`; nil when libgit2 gave none.
    init?(_ pointer: UnsafePointer<git_oid>?) {
        guard let pointer else { return nil }
        self.init(pointer.pointee)
    }

    /// This id as a `git_oid` value.
    var oid: git_oid {
        var oid = git_oid()
        let bytes = rawBytes
        withUnsafeMutableBytes(of: &oid.id) { buffer in
            for (index, byte) in bytes.enumerated() where index < buffer.count { buffer[index] = byte }
        }
        return oid
    }
}
