import SQLCore
import SQLiteStore
import Testing

struct StatementCacheTests {
    let directory: TemporaryDirectory
    let connection: Connection

    init() throws {
        directory = try TemporaryDirectory()
        connection = try makeConnection(in: directory, configuration: .init(statementCacheCapacity: 4))
        try connection.execute(sql: "CREATE TABLE n (v INTEGER)")
    }

    @Test func sameSQLReturnsTheSameStatementResetAndCleared() throws {
        let sql = "SELECT ?"
        let first = try connection.cachedStatement(sql)
        try first.bind(7, at: 1)
        #expect(try first.step())
        #expect(try first.int64(at: 0) == 7)

        let second = try connection.cachedStatement(sql)
        #expect(first === second)
        // Reset and cleared: the old row is gone and the parameter is NULL again.
        #expect(throws: SQLiteError.self) { try second.int64(at: 0) }
        #expect(try second.step())
        #expect(try second.isNull(at: 0))
        second.reset()
    }

    @Test func helpersReuseCachedStatements() throws {
        for value in 0..<20 {
            try connection.run("INSERT INTO n (v) VALUES (?)", [value])
        }
        #expect(connection.cachedStatementCount == 2)  // CREATE ran through execute(sql:), not the cache
        #expect(try connection.scalar("SELECT sum(v) FROM n") == .integer(190))
    }

    @Test func nestedQueryWithTheSameSQLGetsItsOwnStatement() throws {
        try connection.execute(sql: "INSERT INTO n (v) VALUES (1), (2), (3)")
        var pairs: [(Int, Int)] = []
        try connection.forEachRow("SELECT v FROM n ORDER BY v") { outer in
            let outerValue = try outer.int(at: 0)
            try connection.forEachRow("SELECT v FROM n ORDER BY v") { inner in
                pairs.append((outerValue, try inner.int(at: 0)))
            }
        }
        #expect(pairs.count == 9)
        #expect(pairs.map(\.0) == [1, 1, 1, 2, 2, 2, 3, 3, 3])
    }

    @Test func cacheStaysWithinCapacity() throws {
        for value in 0..<10 {
            #expect(try connection.scalar("SELECT \(value)") == .integer(Int64(value)))
        }
        #expect(connection.cachedStatementCount <= 4)
        connection.clearStatementCache()
        #expect(connection.cachedStatementCount == 0)
    }

    @Test func helpersLeaveNoReadOpen() throws {
        try connection.execute(sql: "INSERT INTO n (v) VALUES (1), (2)")
        _ = try connection.first("SELECT v FROM n") { try $0.int(at: 0) }
        #expect(!connection.isInTransaction)
        // A statement still stepping would hold a read lock and block this checkpoint.
        let busy = try connection.first("PRAGMA wal_checkpoint(TRUNCATE)") { try $0.int(at: 0) }
        #expect(busy == 0)
    }
}
