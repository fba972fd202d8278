import Foundation

extension DatabasePool {
    /// Settings shared by the pool's writer and readers.
    public struct Configuration: Sendable {
        /// Most reader connections open at once; a `read` beyond that waits for a free one.
        /// Values below 1 are treated as 1.
        public var maximumReaderCount: Int
        /// How long a connection waits on another's lock before SQLITE_BUSY.
        public var busyTimeout: Duration
        /// The writer's `PRAGMA synchronous`. FULL (the default) makes each committed write
        /// survive power loss in WAL mode; NORMAL may lose the last commits but never corrupts.
        public var synchronous: ConnectionConfiguration.Synchronous
        /// Compiled statements kept per connection.
        public var statementCacheCapacity: Int

        public init(
            maximumReaderCount: Int = ProcessInfo.processInfo.activeProcessorCount,
            busyTimeout: Duration = .seconds(5),
            synchronous: ConnectionConfiguration.Synchronous = .full,
            statementCacheCapacity: Int = 256
        ) {
            self.maximumReaderCount = maximumReaderCount
            self.busyTimeout = busyTimeout
            self.synchronous = synchronous
            self.statementCacheCapacity = statementCacheCapacity
        }

        var writerConfiguration: ConnectionConfiguration {
            ConnectionConfiguration(
                access: .readWrite, usesWriteAheadLog: true, enforcesForeignKeys: true,
                busyTimeout: busyTimeout, synchronous: synchronous, statementCacheCapacity: statementCacheCapacity)
        }

        var readerConfiguration: ConnectionConfiguration {
            ConnectionConfiguration(
                access: .readOnly, usesWriteAheadLog: false, enforcesForeignKeys: true,
                busyTimeout: busyTimeout, synchronous: synchronous, statementCacheCapacity: statementCacheCapacity)
        }
    }
}
