/// A complete request as a handler sees it: the parsed head, the whole body, and what the
/// server and router learned about it.
public struct HTTPRequest: Sendable {
    public var head: RequestHead
    public var body: RequestBody
    /// The client's `X-Request-Id` when it sent a sane one, otherwise one made up by the server.
    /// Echoed on the response and written in the access log.
    public var id: String
    /// Values of the `:name` segments of the matched route, already percent-decoded.
    public var parameters: [String: String]
    /// The template of the matched route (such as `/v1/councils/:council`), or nil when none
    /// matched. Middleware uses it to label metrics without the cardinality of raw paths.
    public var route: String?
    /// Whether a registered handler will answer this request. False for the router's own answers
    /// (404, 405, automatic OPTIONS), so middleware such as authentication can leave those alone.
    public var isRouteMatched: Bool = false
    /// The peer address, such as `127.0.0.1:53122`.
    public var remoteAddress: String
    /// Set when the head alone was refused (`HTTPResponder.refusal(for:)`): the body was never
    /// read, and the router answers with this error through its middleware, so the refusal
    /// carries what every answer carries (CORS headers, metrics) without any handler running.
    public internal(set) var headRefusal: HTTPError?

    public init(
        head: RequestHead, body: RequestBody = .empty, id: String, parameters: [String: String] = [:],
        route: String? = nil, remoteAddress: String = ""
    ) {
        self.head = head
        self.body = body
        self.id = id
        self.parameters = parameters
        self.route = route
        self.remoteAddress = remoteAddress
    }

    public var method: HTTPMethod { head.method }
    public var path: String { head.path }
    public var headers: HTTPHeaders { head.headers }
    public var query: [QueryItem] { head.query }
}
