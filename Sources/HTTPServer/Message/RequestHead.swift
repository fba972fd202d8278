/// How the body of a request is delimited (RFC 9112 section 6.3).
public enum BodyFraming: Hashable, Sendable {
    case none
    case contentLength(Int)
    case chunked
}

/// A decoded `name=value` pair from the query string. Repeats are kept.
public struct QueryItem: Hashable, Sendable {
    public let name: String
    public let value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Everything about a request that arrives before its body: the request line and the header
/// section, already validated, with the target percent-decoded once so no handler decodes again.
public struct RequestHead: Sendable {
    public var method: HTTPMethod
    /// The request-target exactly as sent, for logs.
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The percent-decoded path, such as `/v1/councils/knowsley`.
    public var path: String
    /// The path split on `/` before decoding, each segment then decoded (so `%2F` stays inside a segment).
    public var pathSegments: [String]
    /// The query string split on `&` and `=`, each part percent-decoded (`+` is a space).
    public var query: [QueryItem]
    public var framing: BodyFraming
    /// Whether the connection may stay open after this exchange (RFC 9112 section 9.3).
    public var keepAlive: Bool
    /// Whether the client sent `Expect: 100-continue` and waits for a go-ahead before its body.
    public var expectsContinue: Bool

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion, headers: HTTPHeaders,
        path: String, pathSegments: [String], query: [QueryItem],
        framing: BodyFraming, keepAlive: Bool, expectsContinue: Bool
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.path = path
        self.pathSegments = pathSegments
        self.query = query
        self.framing = framing
        self.keepAlive = keepAlive
        self.expectsContinue = expectsContinue
    }
}
