import CLibPQ
import SQLCore

/// Applies the numbered SQL files of PostgreSQL's migrations folder, each exactly once, even
/// when several instances start at the same moment against an empty database.
///
/// The same rules as SQLite's `Migrator` (files and checksums checked by `MigrationFolder`, each
/// migration in its own transaction with its `schema_migrations` row), plus a session-level
/// advisory lock held for the whole run: a second instance waits at the lock, then finds every
/// migration applied and applies none. The lock is released by the server if this process dies
/// mid-way, so a crash cannot leave it held. Its key is derived from the schema, so databases in
/// different schemas (tests) migrate independently.
public struct PGMigrator: Sendable {
    /// The folder holding PostgreSQL's `NNNN_name.sql` files (`Migrations/postgresql`).
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The subfolder of the top-level `Migrations/` that holds PostgreSQL's files.
    public static let folderName = "postgresql"

    static let lockKey = "hashtext('council-api:migrations:' || current_schema())"

    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS store_revision (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            revision BIGINT NOT NULL
        );
        INSERT INTO store_revision (id, revision) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
        """

    /// Verifies applied migrations and applies pending ones, in version order. Returns the
    /// migrations applied by this call (empty when the database was up to date).
    @discardableResult
    public func migrate(_ database: PGDatabase) throws -> [Migration] {
        let folder = MigrationFolder(directory: directory)
        let available = try folder.load()
        return try database.withConnection { connection in
            try connection.execute(script: "SELECT pg_advisory_lock(\(Self.lockKey))")
            defer { _ = try? connection.execute(script: "SELECT pg_advisory_unlock(\(Self.lockKey))") }
            try connection.transaction { try $0.execute(script: Self.bookkeeping) }
            let applied = try connection.mapRows(
                "SELECT version, name, checksum FROM schema_migrations ORDER BY version"
            ) {
                AppliedMigration(version: try $0.int(at: 0), name: try $0.string(at: 1), checksum: try $0.string(at: 2))
            }
            let pending = try folder.pending(applied: applied, available: available)
            for migration in pending {
                try apply(migration, on: connection)
            }
            return pending
        }
    }

    private func apply(_ migration: Migration, on connection: PGConnection) throws {
        do {
            try connection.transaction { connection in
                try connection.execute(script: migration.sql)
                guard PQtransactionStatus(connection.handle) == PQTRANS_INTRANS else {
                    throw MigrationError.transactionControlInScript(file: migration.fileName)
                }
                try connection.run(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
                    [migration.version, migration.name, migration.checksum])
            }
        } catch let error as MigrationError {
            throw error
        } catch let error as PGError where !error.isConnectionFailure {
            throw MigrationError.migrationFailed(
                file: migration.fileName, version: migration.version, message: error.message)
        }
    }
}
