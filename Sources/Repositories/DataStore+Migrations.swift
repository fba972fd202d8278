import PostgresStore
import SQLCore
import SQLiteStore

extension DataStore {
    /// Applies the pending migrations of this store's engine from `migrationsDirectory` (the
    /// top-level `Migrations/` folder, see `MigrationsDirectory.locate`: SQLite's files at its top,
    /// PostgreSQL's in its `postgresql/` subfolder) and returns the file names applied, oldest
    /// first (empty when the database was up to date). On PostgreSQL, instances starting at the
    /// same moment migrate once: the others wait at an advisory lock, then find nothing to do.
    @discardableResult
    public func migrate(migrationsDirectory: String) throws -> [String] {
        switch database {
        case let pool as DatabasePool:
            return try Migrator(directory: migrationsDirectory).migrate(pool).map(\.fileName)
        case let postgres as PGDatabase:
            let directory = migrationsDirectory + "/" + PGMigrator.folderName
            return try PGMigrator(directory: directory).migrate(postgres).map(\.fileName)
        default:
            throw StoreOpeningError.unsupportedDatabase
        }
    }

    /// The migrations folder to use: `explicit` (a flag), else `MIGRATIONS_PATH`, else the first
    /// `Migrations/` found in the working directory or above the executable.
    public static func locateMigrations(explicit: String?) throws -> String {
        try MigrationsDirectory.locate(explicit: explicit)
    }
}
