import ArgumentParser

/// `council-api migrate`: apply pending migrations and exit, for deploy pipelines that migrate
/// before they roll out new servers.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply the pending database migrations and exit.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let (_, location, applied) = try store.openMigrated()
        if applied.isEmpty {
            print("database \(location) is up to date")
        }
        for fileName in applied {
            print("applied \(fileName)")
        }
    }
}
