import Foundation
import PostgresStore
import SQLiteStore

extension DataStore {
    /// Opens the store at `location`, without migrating (see `migrate`).
    ///
    /// A SQLite file is opened at once (its folder created when missing). A PostgreSQL database
    /// is connected lazily, by the first read or write, with at most `poolSize` connections: a
    /// server can then start, listen and answer "not ready" while PostgreSQL is unreachable.
    public static func open(_ location: StoreLocation, poolSize: Int = 8) throws -> DataStore {
        switch location {
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return DataStore(database: try DatabasePool(path: path))
        case .postgresql(let url):
            return DataStore(database: PGDatabase(configuration: PGConfiguration(url: url, poolSize: poolSize)))
        }
    }

    /// A migrated, empty PostgreSQL database: a fresh schema on the server at `url`, dropped when
    /// the store is released. For tests, which each want their own database on one server. With
    /// `migrate` false the schema is left empty (for tests of migrating).
    public static func temporaryPostgres(
        url: String, migrationsDirectory: String, poolSize: Int = 3, migrate: Bool = true
    ) throws -> DataStore {
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PGConnection(url: url).execute(script: "CREATE SCHEMA \(schema)")
        let database = PGDatabase(
            configuration: PGConfiguration(url: url, poolSize: poolSize, schema: schema),
            onClose: { _ = try? PGConnection(url: url).execute(script: "DROP SCHEMA \(schema) CASCADE") })
        let store = DataStore(database: database)
        if migrate { _ = try store.migrate(migrationsDirectory: migrationsDirectory) }
        return store
    }

    /// A second store on the same database, with its own connections and caches, as another
    /// instance of the API would have; nil for SQLite, whose file one process owns. For tests of
    /// many instances.
    public func anotherInstance() -> DataStore? {
        guard let postgres = database as? PGDatabase else { return nil }
        return DataStore(database: PGDatabase(configuration: postgres.configuration))
    }
}
