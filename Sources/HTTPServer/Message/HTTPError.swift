import JSON

/// An error a handler throws to answer with a problem (RFC 9457) instead of a normal response.
/// Anything else a handler throws becomes a 500 whose detail does not leak internals.
public struct HTTPError: Error, Sendable {
    public var status: HTTPStatus
    /// A URI naming the kind of problem; `about:blank` when the status says it all.
    public var type: String
    public var title: String
    public var detail: String
    /// For validation failures: which field (or line) was at fault and why.
    public var errors: [FieldError]
    /// Extra response headers, such as `Allow` on 405 or `WWW-Authenticate` on 401.
    public var headers: HTTPHeaders
    /// Extension members (RFC 9457 section 3.2) written after the standard ones, such as the
    /// `current_etag` of a 412: what a client needs to act on this kind of problem.
    public var extensions: JSONObject

    public init(
        _ status: HTTPStatus, type: String = "about:blank", title: String? = nil, detail: String,
        errors: [FieldError] = [], headers: HTTPHeaders = HTTPHeaders(), extensions: JSONObject = JSONObject()
    ) {
        self.status = status
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.errors = errors
        self.headers = headers
        self.extensions = extensions
    }
}

/// One validation failure: the field (a JSON name, a query parameter, a header) and, for bulk
/// uploads, the 1-based line it was on.
public struct FieldError: Sendable, Hashable {
    public var field: String
    public var message: String
    public var line: Int?

    public init(field: String, message: String, line: Int? = nil) {
        self.field = field
        self.message = message
        self.line = line
    }
}
