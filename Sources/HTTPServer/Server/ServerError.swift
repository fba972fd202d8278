import Glibc

/// Why the server could not start listening.
public struct ServerStartError: Error, Sendable, CustomStringConvertible {
    /// The step that failed, such as `bind 127.0.0.1:8080`.
    public let operation: String
    /// The `errno` of the failing call, or 0 when the failure was not a system call's.
    public let code: Int32
    public let message: String

    init(_ operation: String, code: Int32) {
        self.operation = operation
        self.code = code
        self.message = String(cString: strerror(code))
    }

    init(_ operation: String, message: String) {
        self.operation = operation
        self.code = 0
        self.message = message
    }

    public var description: String { "\(operation): \(message)" }
}
