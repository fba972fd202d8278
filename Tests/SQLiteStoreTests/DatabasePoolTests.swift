import Dispatch
import Foundation
import SQLCore
import SQLiteStore
import Synchronization
import Testing

struct DatabasePoolTests {
    @Test func revisionIncreasesByOnePerCommittedWrite() throws {
        let pool = try DatabasePool.temporary()
        #expect(pool.revision == 0)
        try pool.write { try $0.execute(sql: "CREATE TABLE t (v INTEGER)") }
        #expect(pool.revision == 1)
        for value in 1...5 {
            try pool.write { try $0.run("INSERT INTO t (v) VALUES (?)", [value]) }
            #expect(pool.revision == Int64(1 + value))
        }
        #expect(try pool.read { try $0.storeRevision() } == 6)
        #expect(pool.stats.writes == 6)
    }

    @Test func failedWriteRollsBackAndKeepsTheRevision() throws {
        let pool = try DatabasePool.temporary()
        try pool.write { try $0.execute(sql: "CREATE TABLE t (v INTEGER NOT NULL)") }
        #expect(throws: ExpectedFailure.self) {
            try pool.write { connection in
                try connection.run("INSERT INTO t (v) VALUES (1)")
                throw ExpectedFailure()
            }
        }
        #expect(throws: SQLiteError.self) { try pool.write { try $0.run("INSERT INTO t (v) VALUES (NULL)") } }
        #expect(pool.revision == 1)
        #expect(try pool.read { try $0.scalar("SELECT count(*) FROM t") } == .integer(0))
        #expect(try pool.read { try $0.storeRevision() } == 1)
        #expect(pool.stats.failedWrites == 2)
    }

    @Test func revisionSurvivesReopening() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        do {
            let pool = try DatabasePool(path: path)
            try pool.write { try $0.execute(sql: "CREATE TABLE t (v INTEGER)") }
            try pool.write { try $0.run("INSERT INTO t VALUES (1)") }
        }
        let reopened = try DatabasePool(path: path)
        #expect(reopened.revision == 2)
    }

    @Test func readersRefuseWrites() throws {
        let pool = try DatabasePool.temporary()
        try pool.write { try $0.execute(sql: "CREATE TABLE t (v INTEGER)") }
        let error = try #require(throws: SQLiteError.self) {
            try pool.read { try $0.run("INSERT INTO t VALUES (1)") }
        }
        #expect(error.isReadOnly)
        #expect(throws: SQLiteError.self) { try pool.read { try $0.execute(sql: "DROP TABLE t") } }
        #expect(try pool.read { try $0.scalar("PRAGMA query_only") } == .integer(1))
    }

    @Test func aReadSeesOneSnapshotEvenAcrossACommit() throws {
        let pool = try DatabasePool.temporary()
        try pool.write { try $0.execute(sql: "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);") }
        let (before, after) = try pool.read { connection in
            let before = try connection.scalar("SELECT count(*) FROM t")
            // The writer commits while this read is open; the read must not see it.
            try pool.write { try $0.run("INSERT INTO t VALUES (2)") }
            let after = try connection.scalar("SELECT count(*) FROM t")
            return (before, after)
        }
        #expect(before == .integer(1))
        #expect(after == .integer(1))
        #expect(try pool.read { try $0.scalar("SELECT count(*) FROM t") } == .integer(2))
    }

    @Test func nestedWriteIsAnErrorNotADeadlock() throws {
        let pool = try DatabasePool.temporary()
        let error = try #require(throws: SQLiteError.self) {
            try pool.write { _ in try pool.write { _ in } }
        }
        #expect(error.isMisuse)
        #expect(pool.revision == 0)
    }

    @Test func inMemoryPathIsRefused() {
        #expect(throws: SQLiteError.self) { try DatabasePool(path: ":memory:") }
    }

    @Test func temporaryPoolDeletesItsFiles() throws {
        var path = ""
        do {
            let pool = try DatabasePool.temporary()
            path = pool.path
            try pool.write { try $0.execute(sql: "CREATE TABLE t (v INTEGER)") }
            _ = try pool.read { try $0.scalar("SELECT count(*) FROM t") }
            #expect(FileManager.default.fileExists(atPath: path))
        }
        #expect(!path.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func readsThatFindNoFreeReaderAreCountedAsWaits() throws {
        let pool = try DatabasePool.temporary(configuration: .init(maximumReaderCount: 1))
        let done = DispatchSemaphore(value: 0)
        let holderInside = DispatchSemaphore(value: 0)
        let waiterResult = Mutex<Result<Int64, any Error>?>(nil)

        DispatchQueue.global().async {
            _ = try? pool.read { _ in
                holderInside.signal()
                // Hold the only reader until the other read is queued behind it.
                // The deadline only guards against a hang; the assertions below decide.
                let deadline = ContinuousClock.now + .seconds(30)
                while pool.stats.waitingReads == 0, ContinuousClock.now < deadline { usleep(500) }
            }
            done.signal()
        }
        holderInside.wait()
        DispatchQueue.global().async {
            let result = Result { try pool.read { try $0.storeRevision() } }
            waiterResult.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        done.wait()

        let revision = try #require(waiterResult.withLock { $0 })
        #expect(try revision.get() == 0)
        let stats = pool.stats
        #expect(stats.reads == 2)
        #expect(stats.readWaits == 1)
        #expect(stats.waitingReads == 0)
        #expect(stats.openReaders == 1)
        #expect(stats.maximumReaders == 1)
    }
}
