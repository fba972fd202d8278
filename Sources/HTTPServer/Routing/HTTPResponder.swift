/// Anything that turns a request into a response: the router, a middleware chain, a test stub.
///
/// Synchronous on purpose: handlers run on the server's own bounded pool of worker threads (never
/// on Dispatch's global queues), so a handler may block on SQLite without starving the I/O.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) throws -> HTTPResponse

    /// The largest body accepted for this request head, or nil for the server's default. Asked
    /// before any body byte is read, so an oversized upload is refused with 413 at once.
    func bodyLimit(for head: RequestHead) -> Int?

    /// The refusal the head alone already decides (no such resource, a method not allowed, no
    /// valid credentials, a media type the route does not read), or nil. Asked before any byte of
    /// a body is read or spooled, and before `100 Continue` is sent, so nobody can make the
    /// server receive a body it will refuse anyway.
    func refusal(for head: RequestHead) -> HTTPError?

    /// Headers for a problem the server answers without a handler because the head could not be
    /// read whole (too long, too many fields, malformed): `headers` are the fields read so far,
    /// empty when none were. CORS middleware uses it, so a browser sees the problem, not a CORS
    /// failure.
    func headersForUnreadRequest(_ headers: HTTPHeaders) -> HTTPHeaders

    /// The answer to a complete request of a safe method when it can be given without waiting,
    /// computed on the I/O thread that read the request; nil when it cannot (the answer would
    /// need a query, a file, a lock held for long), and then `respond(to:)` runs on a worker as
    /// for any request. Deciding must itself never wait. Answering on the I/O thread spares two
    /// thread hand-offs (to a worker and back), most of the cost of a small request; a handler
    /// that blocks here stalls every connection sharing that thread, so the default is nil.
    func respondInPlace(to request: HTTPRequest) throws -> HTTPResponse?
}

extension HTTPResponder {
    public func bodyLimit(for head: RequestHead) -> Int? { nil }
    public func refusal(for head: RequestHead) -> HTTPError? { nil }
    public func headersForUnreadRequest(_ headers: HTTPHeaders) -> HTTPHeaders { HTTPHeaders() }
    public func respondInPlace(to request: HTTPRequest) throws -> HTTPResponse? { nil }
}

/// A step around the handler: CORS, authentication, metrics, ETags. Each gets the request and the
/// rest of the chain, and may answer itself, change the request, or change the response.
public protocol HTTPMiddleware: Sendable {
    func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse

    /// Refuses, by throwing an `HTTPError`, a request whose head alone is enough to refuse (a
    /// write without a valid token), before its body is read. Asked only for heads that match a
    /// route; `handle` still runs for every request that is read whole.
    func check(head: RequestHead) throws

    /// What this middleware adds to an answer the server gives without a handler (see
    /// `HTTPResponder.headersForUnreadRequest`); `headers` are the request fields read so far.
    func headersForUnreadRequest(_ headers: HTTPHeaders) -> HTTPHeaders
}

extension HTTPMiddleware {
    public func check(head: RequestHead) throws {}
    public func headersForUnreadRequest(_ headers: HTTPHeaders) -> HTTPHeaders { HTTPHeaders() }
}
