import SQLCore

/// The answers kept for `Idempotency-Key` replays.
///
/// Saving happens inside the data write it answers (`WriteTransaction.saveIdempotentResponse`),
/// never on its own, so the key and the write commit or roll back together. Expired answers are
/// never returned, and are deleted lazily by the next save rather than by a timer: the table
/// only grows while writes happen, and each write clears what has expired so far.
public struct IdempotencyRepository: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// The unexpired answer kept under `key` at time `now` (Unix seconds), or nil.
    public func response(forKey key: String, now: Int64) throws -> IdempotentResponse? {
        try database.read { try Self.fetch(key, now: now, in: $0) }
    }

    /// Deletes every answer expired at `now`; returns how many. Saves do this already; this is for
    /// operators and tests.
    @discardableResult
    public func purgeExpired(now: Int64) throws -> Int {
        try database.write { try Self.purgeExpired(now: now, in: $0) }
    }

    /// How many answers are kept, expired or not.
    public func count() throws -> Int {
        try database.read { try $0.scalar("SELECT count(*) FROM idempotency_keys").int64Value.map { Int($0) } ?? 0 }
    }

    // MARK: Statements

    static let columns = "key, fingerprint, status, content_type, location, body, created_at, expires_at"

    static func decode(_ row: any ColumnReading) throws -> IdempotentResponse {
        IdempotentResponse(
            key: try row.string(at: 0), fingerprint: try row.string(at: 1), status: try row.int(at: 2),
            contentType: try row.optionalString(at: 3), location: try row.optionalString(at: 4),
            body: try row.blob(at: 5), createdAt: try row.int64(at: 6), expiresAt: try row.int64(at: 7))
    }

    static func fetch(_ key: String, now: Int64, in connection: some SQLExecutor) throws -> IdempotentResponse? {
        try connection.first(
            "SELECT \(columns) FROM idempotency_keys WHERE key = ? AND expires_at > ?", [key, now], decode)
    }

    static func purgeExpired(now: Int64, in connection: some SQLExecutor) throws -> Int {
        try connection.run("DELETE FROM idempotency_keys WHERE expires_at <= ?", [now])
    }

    /// Purges what has expired at the response's creation, then stores it, replacing an expired
    /// answer under the same key. An unexpired answer under the key is a caller error (the API
    /// holds the key while it works, and looks for an answer first): it fails the transaction.
    static func save(_ response: IdempotentResponse, in connection: some SQLExecutor) throws {
        try RepositoryError.tagging(index: nil, councilID: nil) {
            _ = try purgeExpired(now: response.createdAt, in: connection)
            try connection.run(
                "INSERT INTO idempotency_keys (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    response.key, response.fingerprint, response.status, response.contentType, response.location,
                    response.body, response.createdAt, response.expiresAt,
                ])
        }
    }
}
