/// Counters a database keeps for the metrics endpoint, the same for both engines.
public struct DatabaseStats: Sendable, Equatable {
    /// Reads that had to wait for a free connection, and the time they waited in all.
    public var readWaits: Int
    public var totalReadWait: Duration
    /// Connections open now, and the most the pool may open.
    public var openConnections: Int
    public var maximumConnections: Int
    /// Committed and failed write transactions.
    public var writes: Int
    public var failedWrites: Int
    /// Time writes spent waiting for the single writer: SQLite's writer queue, or on PostgreSQL
    /// the lock on the `store_revision` row that serialises writers across instances.
    public var totalWriterWait: Duration = .zero
    /// Transactions run again after a serialization failure, deadlock or lost connection.
    public var retries: Int

    public init(
        readWaits: Int = 0, totalReadWait: Duration = .zero, openConnections: Int = 0, maximumConnections: Int = 0,
        writes: Int = 0, failedWrites: Int = 0, retries: Int = 0
    ) {
        self.readWaits = readWaits
        self.totalReadWait = totalReadWait
        self.openConnections = openConnections
        self.maximumConnections = maximumConnections
        self.writes = writes
        self.failedWrites = failedWrites
        self.retries = retries
    }
}
