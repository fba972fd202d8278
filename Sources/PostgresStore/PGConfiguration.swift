/// How `PGDatabase` connects and how it lends its connections.
public struct PGConfiguration: Sendable {
    /// A `postgres://` / `postgresql://` URL (or a libpq connection string).
    public var url: String
    /// The most connections open at once. Each instance of the API holds at most this many, so
    /// instances × pool size must stay under the server's `max_connections`.
    public var poolSize: Int
    /// A schema to put first on `search_path`, for tests that each want an empty database.
    public var schema: String?
    public var connectTimeoutSeconds: Int
    /// How long a request waits for a free connection before it is answered "unavailable".
    public var acquireTimeout: Duration
    /// How many times a transaction runs before a serialization failure or deadlock is given up
    /// on (and answered 503 by the API).
    public var maximumAttempts: Int

    public init(
        url: String, poolSize: Int = 8, schema: String? = nil, connectTimeoutSeconds: Int = 5,
        acquireTimeout: Duration = .seconds(10), maximumAttempts: Int = 5
    ) {
        self.url = url
        self.poolSize = max(poolSize, 1)
        self.schema = schema
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.acquireTimeout = acquireTimeout
        self.maximumAttempts = max(maximumAttempts, 1)
    }
}
