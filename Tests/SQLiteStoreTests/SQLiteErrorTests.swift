import SQLCore
import SQLiteStore
import Testing

struct SQLiteErrorTests {
    let directory: TemporaryDirectory
    let connection: Connection

    init() throws {
        directory = try TemporaryDirectory()
        connection = try makeConnection(in: directory)
        try connection.execute(
            sql: """
                CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
                CREATE TABLE child (
                    id INTEGER PRIMARY KEY,
                    parent_id INTEGER NOT NULL REFERENCES parent (id),
                    amount INTEGER NOT NULL CHECK (amount >= 0)
                );
                INSERT INTO parent (id, code) VALUES (1, 'a');
                """)
    }

    @Test func uniqueViolationCarriesCodesMessageAndSQL() throws {
        let sql = "INSERT INTO parent (id, code) VALUES (?, ?)"
        let error = try #require(throws: SQLiteError.self) { try connection.run(sql, [2, "a"]) }
        #expect(error.code == 19)  // SQLITE_CONSTRAINT
        #expect(error.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.isConstraintViolation)
        #expect(error.isUniqueViolation)
        #expect(!error.isForeignKeyViolation)
        #expect(error.message.contains("UNIQUE constraint failed: parent.code"))
        #expect(error.sql == sql)
        #expect(error.description.contains("parent.code"))
    }

    @Test func primaryKeyClashCountsAsUnique() throws {
        let error = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO parent (id, code) VALUES (1, 'b')")
        }
        #expect(error.isUniqueViolation)
    }

    @Test func foreignKeysAreEnforced() throws {
        let error = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO child (parent_id, amount) VALUES (99, 1)")
        }
        #expect(error.isForeignKeyViolation)
        #expect(error.isConstraintViolation)
        #expect(try connection.scalar("PRAGMA foreign_keys") == .integer(1))
    }

    @Test func checkAndNotNullAreRecognised() throws {
        let check = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO child (parent_id, amount) VALUES (1, -1)")
        }
        #expect(check.isCheckViolation)
        let notNull = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO child (parent_id, amount) VALUES (1, NULL)")
        }
        #expect(notNull.isNotNullViolation)
        #expect(notNull.message.contains("child.amount"))
    }

    @Test func busyIsRecognisedWhenAnotherWriterHoldsTheLock() throws {
        let other = try Connection(
            path: directory.file("test.sqlite"), configuration: .init(busyTimeout: .milliseconds(10)))
        try connection.run("BEGIN IMMEDIATE")
        defer { _ = try? connection.run("ROLLBACK") }
        let error = try #require(throws: SQLiteError.self) { try other.run("BEGIN IMMEDIATE") }
        #expect(error.isBusy)
    }
}
