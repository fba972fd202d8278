import HTTPServer

/// Lets a browser dashboard on another origin call the API (the Fetch standard's CORS protocol).
///
/// Only configured origins get CORS headers; any other origin gets none, so the browser blocks it.
/// `Vary: Origin` is always sent when CORS is on, so a shared cache never serves one origin's
/// answer to another.
struct CORSMiddleware: HTTPMiddleware {
    let allowedOrigins: Set<String>
    static let allowedMethods = "GET, HEAD, POST, PUT, DELETE, OPTIONS"
    static let allowedHeaders =
        "Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match, X-Request-Id, Accept"
    static let exposedHeaders = "ETag, Link, X-Request-Id, Location, Idempotent-Replayed, Retry-After"
    static let maxAgeSeconds = 600

    init(allowedOrigins: [String]) {
        self.allowedOrigins = Set(allowedOrigins)
    }

    private var allowsAny: Bool { allowedOrigins.contains("*") }

    private func allowOriginValue(for origin: String) -> String? {
        if allowsAny { return "*" }
        return allowedOrigins.contains(origin) ? origin : nil
    }

    /// A problem answered before the head was read whole still says whom it may be read by: the
    /// Origin among the fields read so far, when it is allowed (or `*`).
    func headersForUnreadRequest(_ headers: HTTPHeaders) -> HTTPHeaders {
        var answer = HTTPHeaders()
        guard !allowedOrigins.isEmpty else { return answer }
        let allowed = allowsAny ? "*" : headers["Origin"].flatMap(allowOriginValue(for:))
        if let allowed {
            answer.set("Access-Control-Allow-Origin", allowed)
            answer.set("Access-Control-Expose-Headers", Self.exposedHeaders)
        }
        answer.add("Vary", "Origin")
        return answer
    }

    func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        guard !allowedOrigins.isEmpty else { return try next(request) }
        guard let origin = request.headers["Origin"] else {
            var response = try next(request)
            response.headers.add("Vary", "Origin")
            return response
        }
        let allowed = allowOriginValue(for: origin)

        if request.method == .options, request.headers["Access-Control-Request-Method"] != nil, let allowed {
            var headers = HTTPHeaders()
            headers.set("Access-Control-Allow-Origin", allowed)
            headers.set("Access-Control-Allow-Methods", Self.allowedMethods)
            headers.set("Access-Control-Allow-Headers", Self.allowedHeaders)
            headers.set("Access-Control-Max-Age", String(Self.maxAgeSeconds))
            headers.add("Vary", "Origin")
            return HTTPResponse(status: .noContent, headers: headers)
        }

        var response: HTTPResponse
        do {
            response = try next(request)
        } catch var error as HTTPError {
            // Problems must be readable by the dashboard too, or it cannot show why a call failed.
            if let allowed {
                error.headers.set("Access-Control-Allow-Origin", allowed)
                error.headers.set("Access-Control-Expose-Headers", Self.exposedHeaders)
            }
            error.headers.add("Vary", "Origin")
            throw error
        }
        if let allowed {
            response.headers.set("Access-Control-Allow-Origin", allowed)
            response.headers.set("Access-Control-Expose-Headers", Self.exposedHeaders)
        }
        response.headers.add("Vary", "Origin")
        return response
    }
}
