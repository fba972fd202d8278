/// A request body as received. Small bodies are kept in memory; large ones (bulk uploads) are
/// spooled to a temporary file as they arrive, so memory stays flat whatever the upload size
/// and no worker waits on a slow client.
public enum RequestBody: Sendable {
    case empty
    case bytes([UInt8])
    /// A body spooled to disk; the file is removed when the last reference goes away.
    case file(SpooledFile)
}

/// A temporary file holding a request body. A class so that the file is deleted exactly once,
/// when the request that owns it is finished.
public final class SpooledFile: Sendable {
    public let path: String
    public let byteCount: Int
    /// Run once the file is gone (the server gives its bytes back to the spool budget).
    private let onDelete: (@Sendable () -> Void)?

    public init(path: String, byteCount: Int, onDelete: (@Sendable () -> Void)? = nil) {
        self.path = path
        self.byteCount = byteCount
        self.onDelete = onDelete
    }

    deinit {
        _ = path.withCString { unlink($0) }
        onDelete?()
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
