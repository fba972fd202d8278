/// A response as a handler returns it. The server adds `Date`, `Server`, `Content-Length` (or
/// chunked framing for streams), `Connection` and `X-Request-Id`; handlers set only what is theirs.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: ResponseBody

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: ResponseBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The body of a response. `.stream` is sent with chunked framing (or close-delimited to an
/// HTTP/1.0 client) and its writer blocks while the socket is full, which is the backpressure.
public enum ResponseBody: Sendable {
    case empty
    case bytes([UInt8])
    case stream(@Sendable (any BodyWriter) throws -> Void)
}

/// Where a streaming handler writes its body. `write` returns once the bytes are queued within
/// the connection's high-water mark, and throws when the client has gone.
public protocol BodyWriter {
    func write(_ bytes: [UInt8]) throws
}
