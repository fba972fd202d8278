import SQLiteStore
import Testing

/// The revision known without a query (`DatabasePool.knownRevision`), which lets the API answer
/// from memory on an I/O thread: it must be withdrawn by any commit to the file, this process's
/// or another's, until the revision is read again.
@Suite struct KnownRevisionTests {
    @Test func isKnownOnlyOnceReadAndUntilTheNextCommit() throws {
        let directory = try TemporaryDirectory()
        let pool = try DatabasePool(path: directory.file("store.sqlite"))
        #expect(pool.knownRevision == nil, "nothing read yet")

        let first = try pool.storedRevision()
        #expect(pool.knownRevision == first)
        #expect(pool.knownRevision == first, "still no commit")

        try pool.write { try $0.execute(sql: "CREATE TABLE t (x INTEGER)") }
        #expect(pool.knownRevision == nil, "a commit of this pool withdraws it")
        let second = try pool.storedRevision()
        #expect(second == first + 1)
        #expect(pool.knownRevision == second)
    }

    @Test func aCommitByAnotherConnectionToTheFileWithdrawsIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let served = try DatabasePool(path: path)
        let revision = try served.storedRevision()
        #expect(served.knownRevision == revision)

        // Another process would hold connections of its own to the same file.
        let importer = try DatabasePool(path: path)
        try importer.write { try $0.execute(sql: "CREATE TABLE t (x INTEGER)") }
        #expect(served.knownRevision == nil, "the other writer's commit must be noticed without a query")
        #expect(try served.storedRevision() == revision + 1)
        #expect(served.knownRevision == revision + 1)

        // A commit that does not bump the revision (outside the pool) withdraws it too: the
        // watch sees commits, not the counter.
        let raw = try Connection(path: path)
        try raw.execute(sql: "INSERT INTO t VALUES (1)")
        #expect(served.knownRevision == nil)
    }
}
