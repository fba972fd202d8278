import HTTPServer

/// The `Idempotency-Key` request header: 1 to 255 visible ASCII characters (no spaces), chosen by
/// the client, typically a UUID. Sent raw; the quotes of the structured-field form of the IETF
/// draft are accepted and removed.
enum IdempotencyKey {
    static let headerName = "Idempotency-Key"
    static let maximumLength = 255

    /// The key of `request`, nil when it has none; a malformed or repeated header is a 400.
    static func of(_ request: HTTPRequest) throws -> String? {
        let values = request.headers.values(for: headerName)
        guard let value = values.first else { return nil }
        guard values.count == 1 else { throw invalid("must be sent once") }
        var key = Substring(value)
        if key.count >= 2, key.first == "\"", key.last == "\"" {
            key = key.dropFirst().dropLast()
        }
        guard !key.isEmpty, key.utf8.count <= maximumLength else {
            throw invalid("must be 1 to \(maximumLength) characters long")
        }
        guard key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw invalid("must be visible ASCII characters only (no spaces or control characters)")
        }
        return String(key)
    }

    private static func invalid(_ message: String) -> HTTPError {
        HTTPError(
            .badRequest, type: ProblemType.invalidParameter.uri, title: "Invalid Idempotency-Key",
            detail: "\(headerName) \(message); send a new unique value, such as a UUID, for each distinct request",
            errors: [FieldError(field: headerName, message: message)])
    }
}
