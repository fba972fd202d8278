import Testing

@testable import CSV

@Suite("Header lookups")
struct CSVHeaderTests {
    @Test("columns are found by name, ignoring case and surrounding spaces")
    func lookup() throws {
        let records = try CSVReader.records(in: RegisterSample.text)
        let header = try CSVHeader(records[0])
        #expect(header.count == 8)
        #expect(try header.index(of: "Council name") == 0)
        #expect(try header.index(of: " upheld RATE ") == 6)
        #expect(header.contains("Notes"))
        #expect(!header.contains("Note"))
        #expect(try header.indexes(of: ["ONS code", "Region"]) == [3, 2])
        #expect(try header.value(of: "Council name", in: records[2]) == "Bristol, City of")
        #expect(try header.value(of: "Complaints", in: records[3]) == "")
    }

    @Test("a missing column is a clear error on the header's line")
    func missingColumn() throws {
        let header = try CSVHeader(names: ["a", "b"], line: 3)
        do {
            _ = try header.index(of: "Population")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .missingColumn)
            #expect(error.line == 3)
            #expect(error.description == "line 3: the header has no column 'Population'")
        }
        do {
            _ = try header.indexes(of: ["a", "x", "y"])
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "the header has no columns 'x', 'y'")
        }
    }

    @Test("duplicate column names are refused")
    func duplicates() {
        #expect(throws: CSVError(kind: .duplicateColumn, line: 1, message: "columns 1 and 3 are both named 'Name '")) {
            try CSVHeader(names: ["name", "code", "Name "])
        }
    }

    @Test("short or long records are reported on their own line")
    func fieldCounts() throws {
        let header = try CSVHeader(names: ["a", "b", "c"])
        let short = CSVRecord(fields: ["1"], line: 9)
        #expect(throws: CSVError.self) { try header.checkFieldCount(of: short) }
        do {
            _ = try header.value(of: "c", in: short)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .fieldCountMismatch)
            #expect(error.line == 9)
            #expect(error.message == "record has 1 fields, so column 'c' (field 3) is missing")
        }
        #expect(throws: CSVError.self) {
            try header.checkFieldCount(of: CSVRecord(fields: ["1", "2", "3", "4"], line: 2))
        }
        try header.checkFieldCount(of: CSVRecord(fields: ["1", "2", "3"], line: 2))
    }
}
