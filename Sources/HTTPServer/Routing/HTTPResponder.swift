/// Anything that turns a request into a response: the router, a middleware chain, a test stub.
///
/// Synchronous on purpose: handlers run on the server's own bounded pool of worker threads (never
/// on Dispatch's global queues), so a handler may block on SQLite without starving the I/O.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) throws -> HTTPResponse

    /// The largest body accepted for this request head, or nil for the server's default. Asked
    /// before any body byte is read, so an oversized upload is refused with 413 at once.
    func bodyLimit(for head: RequestHead) -> Int?
}

extension HTTPResponder {
    public func bodyLimit(for head: RequestHead) -> Int? { nil }
}

/// A step around the handler: CORS, authentication, metrics, ETags. Each gets the request and the
/// rest of the chain, and may answer itself, change the request, or change the response.
public protocol HTTPMiddleware: Sendable {
    func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse
}
