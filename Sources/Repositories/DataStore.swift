import SQLCore
import SQLiteStore

/// Every repository over one database: what the API layer holds.
///
/// The seam between the API and the engines: the API asks this type for repositories, the
/// revision and counters, and never learns whether SQLite or PostgreSQL is underneath (the
/// database is not public). The repositories are cheap value types sharing it, so handing out
/// this one struct (rather than nine) keeps start-up and test set-up to a line.
public struct DataStore: Sendable {
    let database: any SQLDatabase

    init(database: any SQLDatabase) {
        self.database = database
    }

    /// A migrated SQLite database in a fresh temporary directory, deleted when the store is
    /// released. For tests and `serve --demo`.
    public static func temporary(migrationsDirectory: String) throws -> DataStore {
        let store = DataStore(database: try DatabasePool.temporary())
        _ = try store.migrate(migrationsDirectory: migrationsDirectory)
        return store
    }

    /// The engine underneath, for start-up messages.
    public var engine: SQLEngine { database.engine }

    /// The revision after the last committed write, by this process or any other sharing the
    /// database. Every committed write bumps it; ETags and caches are keyed by it.
    public func revision() throws -> Int64 {
        try database.currentRevision()
    }

    /// `revision()` when it is known without any I/O, else nil: on SQLite the revision last read,
    /// while no commit by any process has become visible since (the WAL index says so); on
    /// PostgreSQL never, since another instance may have written. For answering on an I/O thread.
    public var knownRevision: Int64? { database.knownRevision }

    /// Counters for metrics.
    public var stats: DatabaseStats { database.databaseStats }

    public var councils: CouncilRepository { CouncilRepository(database: database) }
    public var populations: PopulationRepository { PopulationRepository(database: database) }
    public var complaints: ComplaintRepository { ComplaintRepository(database: database) }
    public var reports: ReportRepository { ReportRepository(database: database) }
    public var serviceImprovements: ServiceImprovementRepository { ServiceImprovementRepository(database: database) }
    public var annualLetters: AnnualLetterRepository { AnnualLetterRepository(database: database) }
    public var publishedAverages: PublishedAverageRepository { PublishedAverageRepository(database: database) }
    public var statistics: StatisticsRepository { StatisticsRepository(database: database) }
    public var idempotency: IdempotencyRepository { IdempotencyRepository(database: database) }
    public var demo: DemoLoader { DemoLoader(database: database) }
}
