/// The `type` URIs of this API's problems (RFC 9457). Relative references resolved against the
/// API's own documentation, so clients can switch on them without parsing `detail`.
enum ProblemType {
    static let invalidParameter = "/problems/invalid-parameter"
    static let notFound = "/problems/not-found"
    static let validation = "/problems/validation"
    static let malformedJSON = "/problems/malformed-json"
    static let unsupportedMediaType = "/problems/unsupported-media-type"
    static let notAcceptable = "/problems/not-acceptable"
    static let unauthorized = "/problems/unauthorized"
    static let writesDisabled = "/problems/writes-disabled"
    static let idempotencyConflict = "/problems/idempotency-conflict"
    static let idempotencyMismatch = "/problems/idempotency-key-reused"
    static let notReady = "/problems/not-ready"
    static let databaseUnavailable = "/problems/database-unavailable"
}
