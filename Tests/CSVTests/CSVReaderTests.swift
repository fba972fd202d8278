import Testing

@testable import CSV

@Suite("Reading CSV")
struct CSVReaderTests {
    @Test("register-shaped lines: quoted commas, empty fields, floats, doubled quotes, multi-line notes")
    func registerSample() throws {
        let records = try CSVReader.records(in: RegisterSample.text)
        #expect(records.count == RegisterSample.expected.count)
        for (record, expected) in zip(records, RegisterSample.expected) {
            #expect(record.fields == expected.fields)
            #expect(record.line == expected.line)
            #expect(record.count == 8)
        }
        #expect(Double(records[3][6] ?? "x") == nil)
        #expect(records[2][6].flatMap(Double.init) == 0.6875)
        #expect(records[1][99] == nil)
    }

    @Test("CR LF, LF and lone CR line ends give the same records and lines")
    func lineEnds() throws {
        let lf = try CSVReader.records(in: "a,b\n1,2\n\"x\ny\",3\n4,5")
        let crlf = try CSVReader.records(in: "a,b\r\n1,2\r\n\"x\ny\",3\r\n4,5\r\n")
        let cr = try CSVReader.records(in: "a,b\r1,2\r\"x\ny\",3\r4,5\r")
        for records in [lf, crlf, cr] {
            #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["x\ny", "3"], ["4", "5"]])
            #expect(records.map(\.line) == [1, 2, 3, 5])
        }
    }

    @Test("a byte order mark at the very start is skipped, elsewhere it is data")
    func byteOrderMark() throws {
        let withBOM = try CSVReader.records(in: [0xEF, 0xBB, 0xBF] + Array("name,n\nx,1\n".utf8))
        #expect(withBOM.map(\.fields) == [["name", "n"], ["x", "1"]])
        #expect(withBOM[0].line == 1)
        let inner = try CSVReader.records(in: "a,\u{FEFF}b\n")
        #expect(inner[0].fields == ["a", "\u{FEFF}b"])
        // Bytes that only start like a BOM are ordinary input.
        let lookalike = try CSVReader.records(in: "\u{FEFF}\u{FEFF}x")
        #expect(lookalike[0].fields == ["\u{FEFF}x"])
        #expect(try CSVReader.records(in: [0xEF, 0xBB, 0xBF]).isEmpty)
        #expect(try CSVReader.records(in: "\u{EF}").first?.fields == ["\u{EF}"])
    }

    @Test("empty fields, empty quoted fields, trailing commas and blank lines")
    func emptyThings() throws {
        let records = try CSVReader.records(in: ",\n\"\"\n\n\r\na,,\"\",b,\n\n,x")
        #expect(records.map(\.fields) == [["", ""], [""], ["a", "", "", "b", ""], ["", "x"]])
        #expect(records.map(\.line) == [1, 2, 5, 7])
        #expect(try CSVReader.records(in: "").isEmpty)
        #expect(try CSVReader.records(in: "\n\r\n\n").isEmpty)
    }

    @Test("quoted fields keep commas, doubled quotes, line breaks and spaces exactly")
    func quotedContent() throws {
        let records = try CSVReader.records(
            in: "\"a,b\",\"say \"\"hi\"\"\",\"\"\"\",\"  padded  \",\"multi\r\n\r\nline\"\nnext,row")
        #expect(records[0].fields == ["a,b", "say \"hi\"", "\"", "  padded  ", "multi\r\n\r\nline"])
        #expect(records[1].line == 4)
        // Unquoted fields keep their spaces too (RFC 4180: spaces are part of a field).
        #expect(try CSVReader.records(in: " a , b ")[0].fields == [" a ", " b "])
    }

    @Test("UTF-8 text, including characters split across chunks, is decoded")
    func unicode() throws {
        let text = "Ynys Môn,\"Café, Brontë\",😀\n"
        #expect(try CSVReader.records(in: text)[0].fields == ["Ynys Môn", "Café, Brontë", "😀"])
        var reader = CSVReader()
        for byte in text.utf8 { reader.append([byte]) }
        reader.finish()
        #expect(try reader.nextRecord()?.fields == ["Ynys Môn", "Café, Brontë", "😀"])
        #expect(try reader.nextRecord() == nil)
    }

    @Test("nextRecord answers nil until a record is complete")
    func incremental() throws {
        var reader = CSVReader()
        reader.append(Array("a,\"b".utf8))
        #expect(try reader.nextRecord() == nil)
        #expect(!reader.isFinished)
        reader.append(Array("\nc\",d\r".utf8))
        #expect(try reader.nextRecord() == CSVRecord(fields: ["a", "b\nc", "d"], line: 1))
        reader.append(Array("\ne".utf8))
        #expect(try reader.nextRecord() == nil)
        reader.finish()
        #expect(try reader.nextRecord() == CSVRecord(fields: ["e"], line: 3))
        #expect(try reader.nextRecord() == nil)
        reader.append(Array("ignored\n".utf8))
        #expect(try reader.nextRecord() == nil)
    }
}
