/// Why a request could not be read. Every such error is answered with `status` as
/// problem+json and the connection is then closed, because the framing can no longer be trusted.
public struct HTTPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let status: HTTPStatus
    /// One sentence a client developer can act on, such as "Content-Length is not a decimal number".
    public let detail: String

    public init(_ status: HTTPStatus, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    public var description: String { "\(status.code): \(detail)" }
}
