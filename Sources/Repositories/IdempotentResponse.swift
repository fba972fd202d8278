/// The answer the server gave to a request carrying an `Idempotency-Key`, kept so that a retry
/// with the same key is answered the same way instead of being applied twice.
///
/// Only what a replay must repeat is kept: the status, the headers that describe the body and
/// the resource (`Content-Type`, `Location`) and the body. Headers of the exchange itself (`Date`,
/// `X-Request-Id`) belong to each answer and are made afresh.
public struct IdempotentResponse: Hashable, Sendable {
    public var key: String
    /// Lowercase hex SHA-256 of the request the answer belongs to.
    public var fingerprint: String
    public var status: Int
    public var contentType: String?
    public var location: String?
    public var body: [UInt8]
    /// Unix seconds.
    public var createdAt: Int64
    /// Unix seconds; after it the key may be used again for anything.
    public var expiresAt: Int64

    public init(
        key: String, fingerprint: String, status: Int, contentType: String?, location: String?, body: [UInt8],
        createdAt: Int64, expiresAt: Int64
    ) {
        self.key = key
        self.fingerprint = fingerprint
        self.status = status
        self.contentType = contentType
        self.location = location
        self.body = body
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
