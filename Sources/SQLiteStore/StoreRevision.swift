/// The `store_revision` table: one row holding a counter that every committed write bumps.
///
/// Keeping the counter in the database (not only in memory) ties it to the data: it commits
/// or rolls back with the write that changed it, and a reader sees the revision that belongs
/// to its own snapshot. That makes it a sound basis for ETags and cache keys.
enum StoreRevision {
    static let createTable = """
        CREATE TABLE IF NOT EXISTS store_revision (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            revision INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO store_revision (id, revision) VALUES (1, 0);
        """

    static func read(_ connection: Connection) throws -> Int64 {
        guard let revision = try connection.scalar("SELECT revision FROM store_revision WHERE id = 1").int64Value
        else {
            throw SQLiteError.misuse("store_revision has no row; the table was altered outside the store")
        }
        return revision
    }

    static func bump(_ connection: Connection) throws -> Int64 {
        try connection.run("UPDATE store_revision SET revision = revision + 1 WHERE id = 1")
        return try read(connection)
    }
}

extension Connection {
    /// The store revision as seen by this connection's current snapshot. Inside
    /// `DatabasePool.read` it is the revision of exactly the data the read sees.
    public func storeRevision() throws -> Int64 {
        try StoreRevision.read(self)
    }
}
