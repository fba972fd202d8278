import SQLCore
import SQLiteStore
import Testing

struct ConnectionTests {
    @Test func writerIsConfiguredExplicitly() throws {
        let directory = try TemporaryDirectory()
        let connection = try makeConnection(
            in: directory, configuration: .init(busyTimeout: .milliseconds(1500), synchronous: .normal))
        #expect(try connection.scalar("PRAGMA journal_mode") == .text("wal"))
        #expect(try connection.scalar("PRAGMA foreign_keys") == .integer(1))
        #expect(try connection.scalar("PRAGMA busy_timeout") == .integer(1500))
        #expect(try connection.scalar("PRAGMA synchronous") == .integer(1))  // NORMAL
        #expect(try connection.scalar("PRAGMA query_only") == .integer(0))
    }

    @Test func synchronousDefaultsToFull() throws {
        let directory = try TemporaryDirectory()
        let connection = try makeConnection(in: directory)
        #expect(try connection.scalar("PRAGMA synchronous") == .integer(2))  // FULL
        #expect(try connection.scalar("PRAGMA busy_timeout") == .integer(5000))
    }

    @Test func readOnlyConnectionRefusesWrites() throws {
        let directory = try TemporaryDirectory()
        let writer = try makeConnection(in: directory)
        try writer.execute(sql: "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);")
        let reader = try Connection(path: directory.file("test.sqlite"), configuration: .init(access: .readOnly))
        #expect(try reader.scalar("PRAGMA query_only") == .integer(1))
        #expect(try reader.scalar("SELECT v FROM t") == .integer(1))
        let error = try #require(throws: SQLiteError.self) { try reader.run("INSERT INTO t VALUES (2)") }
        #expect(error.isReadOnly)
        #expect(throws: SQLiteError.self) { try reader.execute(sql: "CREATE TABLE u (v INTEGER)") }
    }

    @Test func openingAMissingFileReadOnlyFails() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: SQLiteError.self) {
            try Connection(path: directory.file("absent.sqlite"), configuration: .init(access: .readOnly))
        }
        #expect(error.message.contains("absent.sqlite"))
    }

    @Test func lastInsertRowIDAndChanges() throws {
        let directory = try TemporaryDirectory()
        let connection = try makeConnection(in: directory)
        try connection.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)")
        try connection.run("INSERT INTO t (v) VALUES (10)")
        try connection.run("INSERT INTO t (v) VALUES (20)")
        #expect(connection.lastInsertRowID == 2)
        #expect(try connection.run("UPDATE t SET v = v + 1") == 2)
        #expect(connection.changes == 2)
        #expect(connection.totalChanges == 4)
    }
}
