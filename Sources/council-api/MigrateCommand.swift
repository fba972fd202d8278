import ArgumentParser

/// `council-api migrate`: apply pending migrations and exit, for deploy pipelines that migrate
/// before they roll out new servers.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply the pending database migrations and exit.")

    @OptionGroup var store: StoreOptions

    @OptionGroup var logging: LogOptions

    func run() throws {
        try logging.install()
        let (_, location, applied) = try store.openMigrated()
        let log = ProcessLog.current
        if applied.isEmpty {
            log.info("database \(location) is up to date")
        }
        for fileName in applied {
            log.info("applied \(fileName)", ["migration": fileName])
        }
    }
}
