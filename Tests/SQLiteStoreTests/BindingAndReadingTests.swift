import Foundation
import SQLCore
import SQLiteStore
import Testing

struct BindingAndReadingTests {
    let directory: TemporaryDirectory
    let connection: Connection

    init() throws {
        directory = try TemporaryDirectory()
        connection = try makeConnection(in: directory)
        try connection.execute(sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB)")
    }

    @Test func everyTypeRoundTrips() throws {
        let unicode = "Café – 東京 – 🏛️ – \u{0}nul inside"
        try connection.run(
            "INSERT INTO item (id, i, r, t, b) VALUES (?, ?, ?, ?, ?)",
            [1, Int64.min, 2.5, unicode, [UInt8]([0, 1, 254, 255])])
        let row = try #require(try connection.firstRow("SELECT i, r, t, b FROM item WHERE id = ?", [1]))
        #expect(try row.int64(at: 0) == Int64.min)
        #expect(try row.double(at: 1) == 2.5)
        #expect(try row.string(at: 2) == unicode)
        #expect(try row.blob(at: 3) == [0, 1, 254, 255])
        #expect(row.columnNames == ["i", "r", "t", "b"])
    }

    @Test func nullBindsAndReadsAsNil() throws {
        let missing: String? = nil
        try connection.run("INSERT INTO item (id, i, r, t, b) VALUES (?, ?, ?, ?, ?)", [1, nil, nil, missing, nil])
        try connection.forEachRow("SELECT i, r, t, b FROM item") { (row: RowReader) throws in
            for index in 0..<4 { #expect(try row.isNull(at: index)) }
            #expect(try row.optionalInt64(at: 0) == nil)
            #expect(try row.optionalDouble(at: 1) == nil)
            #expect(try row.optionalString(at: 2) == nil)
            #expect(try row.optionalBlob(at: 3) == nil)
            #expect(throws: SQLiteError.self) { try row.int64(at: 0) }
        }
    }

    @Test func emptyTextAndEmptyBlobStayNonNull() throws {
        try connection.run("INSERT INTO item (id, t, b) VALUES (1, ?, ?)", ["", [UInt8]()])
        let row = try #require(try connection.firstRow("SELECT t, b, typeof(t), typeof(b) FROM item"))
        #expect(try row.string(at: 0) == "")
        #expect(try row.blob(at: 1) == [])
        #expect(try row.string(at: 2) == "text")
        #expect(try row.string(at: 3) == "blob")
    }

    @Test func boolIntDataAndSubstringBind() throws {
        let text = "xhello"
        try connection.run(
            "INSERT INTO item (id, i, r, t, b) VALUES (?, ?, ?, ?, ?)",
            [1, true, Int32(7), text.dropFirst(), Data([9, 8])])
        let values = try connection.first("SELECT i, r, t, b FROM item") { row in
            (try row.bool(at: 0), try row.int(at: 0), try row.double(at: 1), try row.string(at: 2), try row.blob(at: 3))
        }
        let (flag, flagInt, real, string, blob) = try #require(values)
        #expect(flag == true)
        #expect(flagInt == 1)
        #expect(real == 7.0)  // REAL affinity stores the integer as 7.0
        #expect(string == "hello")
        #expect(blob == [9, 8])
    }

    @Test func namedParametersWithOrWithoutPrefix() throws {
        try connection.run("INSERT INTO item (id, t) VALUES (:id, :text)", [":id": 1, "text": "named"])
        #expect(try connection.scalar("SELECT t FROM item WHERE id = @id", ["id": 1]) == .text("named"))

        let statement = try connection.makeStatement("SELECT t FROM item WHERE id = $id")
        try statement.bind(1, named: "id")
        #expect(try statement.step())
        #expect(try statement.string(at: 0) == "named")
        statement.reset()
        #expect(throws: SQLiteError.self) { try statement.bind(1, named: "nope") }
    }

    @Test func argumentCountAndNamesAreChecked() throws {
        #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO item (id, t) VALUES (?, ?)", [1]) }
        #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO item (id) VALUES (?)", [1, 2]) }
        #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO item (id) VALUES (:id)", ["idd": 1]) }
        #expect(throws: SQLiteError.self) {
            try connection.run("INSERT INTO item (id) VALUES (:id)", ["id": 1, "extra": 2])
        }
        #expect(try connection.scalar("SELECT count(*) FROM item") == .integer(0))
    }

    @Test func bindingByIndexOnAStatement() throws {
        let statement = try connection.makeStatement("INSERT INTO item (id, i, t) VALUES (?1, ?2, ?3)")
        try statement.bind(5, at: 1)
        try statement.bind(42, at: 2)
        try statement.bind("by index", at: 3)
        #expect(throws: SQLiteError.self) { try statement.bind(0, at: 4) }
        #expect(try statement.step() == false)
        #expect(connection.lastInsertRowID == 5)
        #expect(connection.changes == 1)
    }

    @Test func strictTypedReadsNameTheColumn() throws {
        try connection.run("INSERT INTO item (id, t) VALUES (1, 'text')")
        let row = try #require(try connection.firstRow("SELECT t AS label FROM item"))
        let error = try #require(throws: SQLiteError.self) { try row.int64(at: 0) }
        #expect(error.message.contains("label"))
        #expect(error.message.contains("TEXT"))
        #expect(throws: SQLiteError.self) { try row.value(at: 5) }
        #expect(row["label"] == .text("text"))
        #expect(row["LABEL"] == .text("text"))
        #expect(row["missing"] == nil)
        #expect(try row.value(named: "label") == .text("text"))
    }

    @Test func readingWithoutARowIsAnError() throws {
        let statement = try connection.makeStatement("SELECT id FROM item")
        #expect(throws: SQLiteError.self) { try statement.int64(at: 0) }
        #expect(try statement.step() == false)
        #expect(throws: SQLiteError.self) { try statement.int64(at: 0) }
    }

    @Test func mapRowsReadsInPlaceInOrder() throws {
        for id in 1...50 {
            try connection.run("INSERT INTO item (id, i) VALUES (?, ?)", [id, id * id])
        }
        let squares = try connection.mapRows("SELECT i FROM item ORDER BY id") { try $0.int(at: 0) }
        #expect(squares == (1...50).map { $0 * $0 })
        #expect(try connection.query("SELECT id FROM item WHERE id > ?", [48]).map { try $0.int(at: 0) } == [49, 50])
        #expect(try connection.first("SELECT id FROM item WHERE id > 100") { try $0.int(at: 0) } == nil)
        #expect(try connection.scalar("SELECT id FROM item WHERE id > 100") == .null)
    }

    @Test func syntaxErrorsCarryMessageAndSQL() throws {
        let error = try #require(throws: SQLiteError.self) { try connection.run("SELEC 1") }
        #expect(error.message.contains("syntax error"))
        #expect(error.sql == "SELEC 1")
        #expect(!error.isConstraintViolation)
    }

    @Test func multipleStatementsAreRejectedOutsideScripts() throws {
        #expect(throws: SQLiteError.self) { try connection.run("SELECT 1; SELECT 2") }
        #expect(try connection.scalar("SELECT 1; -- trailing comment") == .integer(1))
        try connection.execute(sql: "INSERT INTO item (id) VALUES (1); INSERT INTO item (id) VALUES (2);")
        #expect(try connection.scalar("SELECT count(*) FROM item") == .integer(2))
    }
}

extension BindingAndReadingTests {
    @Test func argumentsBuiltAtRunTimeAndReusedStatements() throws {
        let ids = [3, 1, 2]
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let insert = try connection.makeStatement("INSERT INTO item (id, t) VALUES (?, ?)")
        for id in ids {
            try insert.execute(StatementArguments([id, "row \(id)"]))
        }
        let texts = try connection.mapRows(
            "SELECT t FROM item WHERE id IN (\(placeholders)) ORDER BY id", StatementArguments(ids)
        ) { try $0.string(at: 0) }
        #expect(texts == ["row 1", "row 2", "row 3"])
        let named = StatementArguments(named: ["id": 2, "t": nil as String?])
        try connection.run("UPDATE item SET t = :t WHERE id = :id", named)
        #expect(try connection.scalar("SELECT t FROM item WHERE id = 2") == .null)
    }
}
