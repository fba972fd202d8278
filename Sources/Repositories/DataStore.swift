import SQLiteStore

/// Every repository over one database pool: what the API layer holds.
///
/// The repositories are cheap value types sharing the pool, so handing out this one struct
/// (rather than seven) keeps start-up and test set-up to a line, and `open` makes "database
/// file plus migrations" a single step that cannot be half done.
public struct DataStore: Sendable {
    public let pool: DatabasePool

    public init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Opens (creating if needed) the database at `path` and applies the migrations in
    /// `migrationsDirectory` (see `MigrationsDirectory.locate`).
    public static func open(path: String, migrationsDirectory: String) throws -> DataStore {
        let pool = try DatabasePool(path: path)
        _ = try Migrator(directory: migrationsDirectory).migrate(pool)
        return DataStore(pool: pool)
    }

    /// A migrated database in a fresh temporary directory, deleted when the store is released. For tests.
    public static func temporary(migrationsDirectory: String) throws -> DataStore {
        let pool = try DatabasePool.temporary()
        _ = try Migrator(directory: migrationsDirectory).migrate(pool)
        return DataStore(pool: pool)
    }

    public var councils: CouncilRepository { CouncilRepository(pool: pool) }
    public var populations: PopulationRepository { PopulationRepository(pool: pool) }
    public var complaints: ComplaintRepository { ComplaintRepository(pool: pool) }
    public var reports: ReportRepository { ReportRepository(pool: pool) }
    public var serviceImprovements: ServiceImprovementRepository { ServiceImprovementRepository(pool: pool) }
    public var annualLetters: AnnualLetterRepository { AnnualLetterRepository(pool: pool) }
    public var publishedAverages: PublishedAverageRepository { PublishedAverageRepository(pool: pool) }
    public var statistics: StatisticsRepository { StatisticsRepository(pool: pool) }
    public var idempotency: IdempotencyRepository { IdempotencyRepository(pool: pool) }
    public var demo: DemoLoader { DemoLoader(pool: pool) }
}
