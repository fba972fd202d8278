/// A snapshot of the pool's counters, for metrics endpoints and logs.
///
/// Waits are counted because they are the signal that the reader pool is too small for the
/// load: a read that found every reader busy had to queue, and `totalReadWait` says for how long.
public struct DatabasePoolStats: Sendable, Equatable {
    /// `read` calls started.
    public var reads: Int
    /// `read` calls that found no free reader and had to wait for one.
    public var readWaits: Int
    /// `read` calls waiting for a reader at this moment.
    public var waitingReads: Int
    /// Sum of completed waits.
    public var totalReadWait: Duration
    /// Reader connections opened so far (they are opened on demand, up to the maximum).
    public var openReaders: Int
    public var maximumReaders: Int
    /// `write` calls that committed.
    public var writes: Int
    /// `write` calls that rolled back.
    public var failedWrites: Int
    /// Time writes spent queued for the one writer connection, in all.
    public var totalWriterWait: Duration = .zero
    /// The store revision after the last committed write.
    public var revision: Int64

    public init(
        reads: Int, readWaits: Int, waitingReads: Int, totalReadWait: Duration, openReaders: Int, maximumReaders: Int,
        writes: Int, failedWrites: Int, revision: Int64
    ) {
        self.reads = reads
        self.readWaits = readWaits
        self.waitingReads = waitingReads
        self.totalReadWait = totalReadWait
        self.openReaders = openReaders
        self.maximumReaders = maximumReaders
        self.writes = writes
        self.failedWrites = failedWrites
        self.revision = revision
    }
}
