import Foundation
import SQLCore

/// Applies the numbered SQL files of a directory to a database, each exactly once.
///
/// Each migration runs in its own write transaction together with its row in
/// `schema_migrations`, so a migration is either fully applied and recorded or not at all;
/// a failure leaves the database at the previous version and stops the start-up.
/// Already-applied migrations are checked against their files' checksums first, so the
/// database and the repository cannot silently disagree about the schema.
///
/// Migration files must not contain BEGIN/COMMIT/ROLLBACK or statements that cannot run in
/// a transaction (VACUUM, `PRAGMA journal_mode`); `PRAGMA foreign_keys` has no effect inside one.
public struct Migrator: Sendable {
    /// The directory holding the `NNNN_name.sql` files.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    /// Verifies applied migrations and applies pending ones, in version order.
    /// Returns the migrations applied by this call (empty when the database was up to date).
    @discardableResult
    public func migrate(_ pool: DatabasePool) throws -> [Migration] {
        let available = try MigrationFolder(directory: directory).load()
        let applied = try pool.write(bumpingRevision: false) { connection in
            try connection.execute(sql: Self.createTable)
            return try connection.mapRows("SELECT version, name, checksum FROM schema_migrations ORDER BY version") {
                AppliedMigration(version: try $0.int(at: 0), name: try $0.string(at: 1), checksum: try $0.string(at: 2))
            }
        }
        let pending = try MigrationFolder(directory: directory).pending(applied: applied, available: available)
        for migration in pending {
            try apply(migration, to: pool)
        }
        return pending
    }

    private func apply(_ migration: Migration, to pool: DatabasePool) throws {
        do {
            try pool.write { connection in
                try connection.execute(sql: migration.sql)
                guard connection.isInTransaction else {
                    throw MigrationError.transactionControlInScript(file: migration.fileName)
                }
                try connection.run(
                    """
                    INSERT INTO schema_migrations (version, name, checksum, applied_at)
                    VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                    """,
                    [migration.version, migration.name, migration.checksum])
            }
        } catch let error as MigrationError {
            throw error
        } catch let error as SQLiteError {
            throw MigrationError.migrationFailed(
                file: migration.fileName, version: migration.version, message: error.message)
        } catch {
            throw MigrationError.migrationFailed(
                file: migration.fileName, version: migration.version, message: "\(error)")
        }
    }
}
