import JSON

/// Problem details (RFC 9457) as the server writes them.
///
/// Every error the server or a handler reports leaves as `application/problem+json` with the same
/// members, so a client needs one error decoder for the whole API.
extension HTTPResponse {
    /// The media type of every error body.
    public static let problemContentType = "application/problem+json"

    /// A response carrying `error` as a problem document, with the error's extra headers.
    /// `instance` is the request id (the `X-Request-Id` of the answer), so a client reporting a
    /// problem names the exchange an operator can find in the access log.
    public static func problem(_ error: HTTPError, instance: String? = nil) -> HTTPResponse {
        var headers = error.headers
        headers.set("Content-Type", problemContentType)
        return HTTPResponse(
            status: error.status, headers: headers,
            body: .bytes(ProblemDocument(error, instance: instance).serialized()))
    }
}

extension HTTPError {
    /// The problem for a request the parser refused.
    init(_ parseError: HTTPParseError) {
        self.init(parseError.status, detail: parseError.detail)
    }

    /// The problem for a handler failure whose cause must not leak to the client.
    static let internalFailure = HTTPError(
        .internalServerError, detail: "The server could not complete this request; it has been logged.")
}

/// The members of a problem document in the order they are written.
struct ProblemDocument {
    let error: HTTPError
    let instance: String?

    init(_ error: HTTPError, instance: String? = nil) {
        self.error = error
        self.instance = instance
    }

    func serialized() -> [UInt8] {
        var members: [(String, JSONValue)] = [
            ("type", .string(error.type)),
            ("title", .string(error.title)),
            ("status", .int(Int64(error.status.code))),
            ("detail", .string(error.detail)),
        ]
        if let instance {
            members.append(("instance", .string(instance)))
        }
        if !error.errors.isEmpty {
            members.append(("errors", .array(error.errors.map(Self.fieldError))))
        }
        members += error.extensions.members.map { ($0.key, $0.value) }
        return JSONValue.object(JSONObject(members)).serialized()
    }

    private static func fieldError(_ fieldError: FieldError) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("field", .string(fieldError.field)),
            ("message", .string(fieldError.message)),
        ]
        if let line = fieldError.line {
            members.append(("line", .int(Int64(line))))
        }
        return .object(JSONObject(members))
    }
}
