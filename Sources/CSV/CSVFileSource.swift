#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file read in fixed-size chunks: the register import and spooled bulk uploads go through this,
/// so a 64 MiB upload is never in memory at once. A class because it owns the open descriptor,
/// which is closed exactly once, when the source goes away.
public final class CSVFileSource: CSVByteSource {
    public let path: String
    private let descriptor: Int32
    private let chunkSize: Int

    public init(path: String, chunkSize: Int = 64 * 1024) throws(CSVFileError) {
        self.path = path
        self.chunkSize = max(1, chunkSize)
        let opened = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard opened >= 0 else {
            throw CSVFileError(path: path, operation: "open", code: errno)
        }
        self.descriptor = opened
    }

    deinit {
        close(descriptor)
    }

    public func nextChunk() throws -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count > 0 {
                chunk.removeSubrange(count...)
                return chunk
            }
            if count == 0 {
                return nil
            }
            if errno != EINTR {
                throw CSVFileError(path: path, operation: "read", code: errno)
            }
        }
    }
}

/// A file that could not be opened or read, with the system's reason.
public struct CSVFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let operation: String
    /// The `errno` value.
    public let code: Int32

    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    public var description: String {
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return "cannot \(operation) \(path): \(reason)"
    }
}
