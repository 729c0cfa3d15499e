/// Limits applied while reading desired-state files.
public struct SourceReadOptions: Hashable, Sendable {
    /// The default size limit: 4 MiB, the same as `JSONReader.Options.maxBytes`.
    public static let defaultMaxFileSize = 4 * 1024 * 1024

    /// The largest document read, in bytes. Larger files are reported and never loaded.
    public var maxFileSize: Int

    public init(maxFileSize: Int = SourceReadOptions.defaultMaxFileSize) {
        self.maxFileSize = maxFileSize
    }
}
