import Foundation
import Repositories
import Testing

/// The engines a store test runs on: every repository test and API integration test takes one
/// as its argument and runs once per engine.
///
/// SQLite needs nothing. PostgreSQL needs a server, named by `TEST_DATABASE_URL`; without it the
/// PostgreSQL case of each test is cancelled (reported skipped, not passed), so `swift test`
/// alone runs the SQLite half and says that the other half did not run. `.ci/run` starts a
/// throwaway server and sets the variable, so CI runs both.
public enum TestEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    public static let urlVariable = "TEST_DATABASE_URL"

    /// The PostgreSQL server for tests, when one is configured.
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    public var testDescription: String { rawValue }

    /// A fresh, migrated, empty store on this engine: a temporary SQLite file, or a schema of
    /// its own on the PostgreSQL server (dropped when the store is released). Cancels the
    /// running test case when the engine is PostgreSQL and no server is configured.
    public func makeStore(migrationsDirectory: String) throws -> DataStore {
        switch self {
        case .sqlite:
            return try DataStore.temporary(migrationsDirectory: migrationsDirectory)
        case .postgresql:
            guard let url = Self.postgresURL else {
                try Test.cancel("PostgreSQL half: set \(Self.urlVariable) to run it")
            }
            return try DataStore.temporaryPostgres(url: url, migrationsDirectory: migrationsDirectory)
        }
    }
}
