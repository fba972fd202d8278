import ArgumentParser
import Foundation
import Repositories

/// Where the database and the migrations are; shared by every command that opens the store.
///
/// `--database` takes a SQLite file path or a `postgres://` / `postgresql://` URL. Without the
/// flag, `DATABASE_URL` (a URL) is used, then `DATABASE_PATH` (a file), then the default file.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "SQLite database file, or a postgres:// or postgresql:// URL (env DATABASE_URL for a URL, DATABASE_PATH for a file; default ./data/council-api.sqlite). A file's folder is created when missing."
    )
    var database: String?

    @Option(
        name: .customLong("database-pool-size"),
        help:
            "PostgreSQL connections this process may open at once (env DATABASE_POOL_SIZE; default 8; ignored for SQLite)."
    )
    var databasePoolSize: Int?

    @Option(
        name: .long,
        help:
            "Folder of NNNN_name.sql migrations (env MIGRATIONS_PATH; default: found beside the binary or in the working directory)."
    )
    var migrations: String?

    static let defaultDatabasePath = "./data/council-api.sqlite"

    /// The database to use, from the flag or the environment.
    func location() throws -> StoreLocation {
        do {
            if let database { return try StoreLocation(database) }
            if let url = EnvironmentOption.value("DATABASE_URL") {
                let location = try StoreLocation(url)
                guard case .postgresql = location else {
                    throw ValidationError(
                        "environment variable DATABASE_URL must be a postgres:// or postgresql:// URL; use DATABASE_PATH for a SQLite file"
                    )
                }
                return location
            }
            return try StoreLocation(EnvironmentOption.value("DATABASE_PATH") ?? Self.defaultDatabasePath)
        } catch let error as StoreOpeningError {
            throw ValidationError(error.description)
        }
    }

    func poolSize() throws -> Int {
        try EnvironmentOption.int(flag: databasePoolSize, env: "DATABASE_POOL_SIZE", default: 8, range: 1...1000)
    }

    func migrationsDirectory() throws -> String {
        try DataStore.locateMigrations(explicit: migrations)
    }

    /// Opens the store (without migrating).
    func open() throws -> (DataStore, StoreLocation) {
        let location = try location()
        return (try DataStore.open(location, poolSize: try poolSize()), location)
    }

    /// Opens and migrates the store, for the commands that stop when the database cannot be
    /// reached (`migrate`, `import`): the message names the database, never its password.
    func openMigrated() throws -> (store: DataStore, location: StoreLocation, applied: [String]) {
        let (store, location) = try open()
        do {
            let applied = try store.migrate(migrationsDirectory: try migrationsDirectory())
            return (store, location, applied)
        } catch  where DataStore.isUnavailable(error) {
            ProcessLog.current.error("cannot reach the database \(location): \(error)")
            throw ExitCode(1)
        }
    }
}
