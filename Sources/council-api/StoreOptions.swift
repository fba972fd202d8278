import ArgumentParser
import Foundation
import Repositories
import SQLiteStore

/// Where the database and the migrations are; shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (env DATABASE_PATH; default ./data/council-api.sqlite). Its folder is created when missing.")
    var database: String?

    @Option(name: .long, help: "Folder of NNNN_name.sql migrations (env MIGRATIONS_PATH; default: found beside the binary or in the working directory).")
    var migrations: String?

    static let defaultDatabasePath = "./data/council-api.sqlite"

    var databasePath: String {
        EnvironmentOption.string(flag: database, env: "DATABASE_PATH", default: Self.defaultDatabasePath)
    }

    func migrationsDirectory() throws -> String {
        try MigrationsDirectory.locate(explicit: migrations ?? EnvironmentOption.value("MIGRATIONS_PATH"))
    }

    /// Opens the pool on `path`, creating the file's folder first.
    static func openPool(path: String) throws -> DatabasePool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try DatabasePool(path: path)
    }
}
