import Dispatch
import Foundation
import SQLCore
import SQLiteStore
import Synchronization
import Testing

/// Readers run beside a writer that keeps moving money between two tables; the total is an
/// invariant that only a torn (non-snapshot) read could break.
struct ConcurrencyTests {
    private final class Counters: Sendable {
        let snapshots = Atomic<Int>(0)
        let inconsistent = Atomic<Int>(0)
        let revisionWentBack = Atomic<Int>(0)
        let readerErrors = Mutex<[String]>([])
        let writerDone = Atomic<Bool>(false)
        let progressDuringOpenWrite = Atomic<Bool>(false)
    }

    @Test func readersSeeConsistentSnapshotsWhileTheWriterWrites() throws {
        let readerCount = 3
        let accounts = 10
        let total: Int64 = 2 * 10 * 100
        let pool = try DatabasePool.temporary(
            configuration: .init(maximumReaderCount: readerCount, synchronous: .normal))
        try pool.write { connection in
            try connection.execute(
                sql: """
                    CREATE TABLE left_side (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
                    CREATE TABLE right_side (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
                    """)
            for id in 1...accounts {
                try connection.run("INSERT INTO left_side VALUES (?, 100)", [id])
                try connection.run("INSERT INTO right_side VALUES (?, 100)", [id])
            }
        }

        let counters = Counters()
        let group = DispatchGroup()
        for _ in 0..<readerCount {
            DispatchQueue.global().async(group: group) {
                var lastRevision: Int64 = 0
                repeat {
                    do {
                        let (sum, revision) = try pool.read { connection in
                            let left = try connection.scalar("SELECT sum(balance) FROM left_side").int64Value ?? 0
                            let right = try connection.scalar("SELECT sum(balance) FROM right_side").int64Value ?? 0
                            return (left + right, try connection.storeRevision())
                        }
                        if sum != total { counters.inconsistent.add(1, ordering: .relaxed) }
                        if revision < lastRevision { counters.revisionWentBack.add(1, ordering: .relaxed) }
                        lastRevision = revision
                        counters.snapshots.add(1, ordering: .relaxed)
                    } catch {
                        counters.readerErrors.withLock { $0.append("\(error)") }
                        return
                    }
                } while !counters.writerDone.load(ordering: .acquiring)
            }
        }

        let writes = 300
        let startRevision = pool.revision
        for step in 0..<writes {
            try pool.write { connection in
                let from = step % accounts + 1
                let to = (step * 7) % accounts + 1
                let amount = step % 13 + 1
                try connection.run("UPDATE left_side SET balance = balance - ? WHERE id = ?", [amount, from])
                if step == writes / 2 {
                    // Mid-transaction, with the invariant broken in the uncommitted state,
                    // readers must keep completing snapshots (they read the last commit).
                    let before = counters.snapshots.load(ordering: .relaxed)
                    let deadline = ContinuousClock.now + .seconds(30)
                    while counters.snapshots.load(ordering: .relaxed) < before + 5, ContinuousClock.now < deadline {
                        usleep(200)
                    }
                    counters.progressDuringOpenWrite.store(
                        counters.snapshots.load(ordering: .relaxed) >= before + 5, ordering: .relaxed)
                }
                try connection.run("UPDATE right_side SET balance = balance + ? WHERE id = ?", [amount, to])
            }
        }
        counters.writerDone.store(true, ordering: .releasing)
        group.wait()

        #expect(counters.readerErrors.withLock { $0 } == [])
        #expect(counters.inconsistent.load(ordering: .relaxed) == 0)
        #expect(counters.revisionWentBack.load(ordering: .relaxed) == 0)
        let readersProgressedDuringOpenWrite = counters.progressDuringOpenWrite.load(ordering: .relaxed)
        #expect(readersProgressedDuringOpenWrite)
        #expect(counters.snapshots.load(ordering: .relaxed) > 5)
        #expect(pool.revision == startRevision + Int64(writes))
        let finalSum = try pool.read { connection in
            try connection.scalar("SELECT (SELECT sum(balance) FROM left_side) + (SELECT sum(balance) FROM right_side)")
        }
        #expect(finalSum == .integer(total))
        #expect(pool.stats.openReaders <= readerCount)
    }
}
