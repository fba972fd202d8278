import HTTPServer

/// Every write needs `Authorization: Bearer <token>` with a configured token (RFC 6750); reads
/// stay open.
///
/// A middleware rather than a check in each handler, so that no write route can be added without
/// it, and so that it runs before anything reads the body: an anonymous client learns nothing
/// about validation, and costs no parsing. With no token configured the server refuses every write
/// with 403, saying why, rather than 401: no token the client could send would help.
struct AuthenticationMiddleware: HTTPMiddleware {
    static let realm = "council-api"
    static let writeMethods: Set<HTTPMethod> = [.post, .put, .delete, .patch]

    let tokens: BearerTokens

    init(tokens: [String]) {
        self.tokens = BearerTokens(tokens)
    }

    func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        // Only writes that reach a handler: the router's 404 and 405 say more than a 401 would.
        guard Self.writeMethods.contains(request.method), request.isRouteMatched else { return try next(request) }
        try authorize(request.headers)
        return try next(request)
    }

    /// The same decision from the head alone (asked only for heads that match a route), so an
    /// unauthenticated write is refused before its body is read or spooled.
    func check(head: RequestHead) throws {
        guard Self.writeMethods.contains(head.method) else { return }
        try authorize(head.headers)
    }

    /// Throws the 403 or 401 problem unless `headers` carry a configured bearer token.
    private func authorize(_ headers: HTTPHeaders) throws {
        guard !tokens.isEmpty else {
            throw HTTPError(
                .forbidden, type: ProblemType.writesDisabled.uri, title: "Writes disabled",
                detail:
                    "this server has no API token configured, so it refuses every write; its operator can enable writes with --api-token-file or API_TOKENS"
            )
        }
        switch Self.credential(in: headers) {
        case .missing:
            throw Self.unauthorized(
                error: nil, detail: "writes need an Authorization: Bearer <token> header with an API token")
        case .otherScheme(let scheme):
            throw Self.unauthorized(
                error: nil, detail: "writes need a Bearer token; the Authorization scheme \(scheme) is not accepted")
        case .malformed:
            throw Self.unauthorized(
                error: "invalid_request", detail: "the Authorization header must be exactly one 'Bearer <token>'")
        case .bearer(let token):
            guard tokens.accepts(token) else {
                throw Self.unauthorized(error: "invalid_token", detail: "the bearer token is not valid for this server")
            }
        }
    }

    enum Credential: Equatable {
        case missing
        case otherScheme(String)
        case malformed
        case bearer(String)
    }

    /// The credential of the `Authorization` header. The scheme is case-insensitive; the token is
    /// the rest after one or more spaces, and may not itself contain spaces.
    static func credential(in headers: HTTPHeaders) -> Credential {
        let values = headers.values(for: "Authorization")
        guard let value = values.first else { return .missing }
        guard values.count == 1 else { return .malformed }
        let trimmed = Substring(value).trimmingCharacters(in: " \t")
        guard let space = trimmed.firstIndex(of: " ") else {
            return trimmed.lowercased() == "bearer" ? .malformed : .otherScheme(trimmed)
        }
        let scheme = trimmed[..<space]
        guard scheme.lowercased() == "bearer" else { return .otherScheme(String(scheme)) }
        let token = trimmed[space...].drop { $0 == " " }
        guard !token.isEmpty, !token.contains(" "), !token.contains("\t") else { return .malformed }
        return .bearer(String(token))
    }

    /// 401 with the Bearer challenge; `error` as RFC 6750 section 3.1 names it, when a credential
    /// was sent and was wrong.
    static func unauthorized(error: String?, detail: String) -> HTTPError {
        var challenge = "Bearer realm=\"\(realm)\""
        if let error { challenge += ", error=\"\(error)\"" }
        return HTTPError(
            .unauthorized, type: ProblemType.unauthorized.uri, title: "Unauthorized", detail: detail,
            headers: ["WWW-Authenticate": challenge])
    }
}
