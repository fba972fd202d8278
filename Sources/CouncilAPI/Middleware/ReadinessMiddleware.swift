import HTTPServer

/// Refuses API calls with 503 until the store is ready; health, readiness and metrics stay open
/// so an orchestrator can watch the start.
struct ReadinessMiddleware: HTTPMiddleware {
    let readiness: Readiness

    func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        try check(head: request.head)
        return try next(request)
    }

    /// Also from the head alone: a store that is not ready receives no body.
    func check(head: RequestHead) throws {
        if readiness.isReady || !head.path.hasPrefix("/v1/") { return }
        var headers = HTTPHeaders()
        headers.set("Retry-After", "1")
        throw HTTPError(
            .serviceUnavailable, type: ProblemType.notReady.uri, title: "Not ready",
            detail: "the service is starting: the database cannot be reached yet or its migrations are not applied",
            headers: headers)
    }
}
