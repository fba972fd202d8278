import SQLCore
import SQLiteStore
import Testing

struct TransactionTests {
    let directory: TemporaryDirectory
    let connection: Connection

    init() throws {
        directory = try TemporaryDirectory()
        connection = try makeConnection(in: directory)
        try connection.execute(sql: "CREATE TABLE t (v INTEGER NOT NULL)")
    }

    private func count() throws -> Int64? { try connection.scalar("SELECT count(*) FROM t").int64Value }

    @Test func commitsWhenTheBodyReturns() throws {
        let result = try connection.transaction(kind: .immediate) { connection in
            try connection.run("INSERT INTO t (v) VALUES (1)")
            return "done"
        }
        #expect(result == "done")
        #expect(try count() == 1)
        #expect(!connection.isInTransaction)
    }

    @Test func rollsBackAndRethrowsAnyError() throws {
        #expect(throws: ExpectedFailure.self) {
            try connection.transaction { connection in
                try connection.run("INSERT INTO t (v) VALUES (1)")
                #expect(connection.isInTransaction)
                throw ExpectedFailure()
            }
        }
        #expect(try count() == 0)
        #expect(!connection.isInTransaction)
    }

    @Test func rollsBackOnSQLiteErrorsToo() throws {
        let error = try #require(throws: SQLiteError.self) {
            try connection.transaction { connection in
                try connection.run("INSERT INTO t (v) VALUES (1)")
                try connection.run("INSERT INTO t (v) VALUES (NULL)")
            }
        }
        #expect(error.isNotNullViolation)
        #expect(try count() == 0)
    }

    @Test func nestedTransactionBecomesASavepoint() throws {
        try connection.transaction { connection in
            try connection.run("INSERT INTO t (v) VALUES (1)")
            #expect(throws: ExpectedFailure.self) {
                try connection.transaction { connection in
                    try connection.run("INSERT INTO t (v) VALUES (2)")
                    throw ExpectedFailure()
                }
            }
            _ = try connection.savepoint { connection in
                try connection.run("INSERT INTO t (v) VALUES (3)")
            }
        }
        #expect(try connection.mapRows("SELECT v FROM t ORDER BY v") { try $0.int(at: 0) } == [1, 3])
    }
}
