import ArgumentParser
import SQLiteStore

/// `council-api migrate`: apply pending migrations and exit, for deploy pipelines that migrate
/// before they roll out new servers.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply the pending database migrations and exit.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let pool = try StoreOptions.openPool(path: store.databasePath)
        let applied = try Migrator(directory: try store.migrationsDirectory()).migrate(pool)
        if applied.isEmpty {
            print("database \(store.databasePath) is up to date")
        }
        for migration in applied {
            print("applied \(migration.fileName)")
        }
    }
}
