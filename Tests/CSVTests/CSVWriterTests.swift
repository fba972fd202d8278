import Testing

@testable import CSV

@Suite("Writing CSV")
struct CSVWriterTests {
    private func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @Test("quotes exactly the fields that need it, with CR LF line ends")
    func quoting() {
        var writer = CSVWriter(formulaProtection: .none)
        writer.writeHeader(["name", "note"])
        writer.writeRow(["Bristol, City of", "say \"hi\""])
        writer.writeRow(["plain", "two\nlines"])
        writer.writeRow(["cr\r", ""])
        writer.writeRow([""])
        writer.writeRow([])
        #expect(
            text(writer.bytes)
                == "name,note\r\n\"Bristol, City of\",\"say \"\"hi\"\"\"\r\nplain,\"two\nlines\"\r\n\"cr\r\",\r\n\"\"\r\n\r\n"
        )
    }

    @Test("formula protection prefixes an apostrophe but leaves numbers alone")
    func formulaProtection() {
        var writer = CSVWriter()
        writer.writeRow([
            "=SUM(A1:A2)", "+cmd", "-1.5", "+3", "-2e-3", "@x", "\tx", "-", "-1+2", "=a,b", "plain", "1e5",
        ])
        #expect(text(writer.bytes) == "'=SUM(A1:A2),'+cmd,-1.5,+3,-2e-3,'@x,'\tx,'-,'-1+2,\"'=a,b\",plain,1e5\r\n")
        #expect(CSVWriter.isPlainNumber(".5".utf8))
        #expect(CSVWriter.isPlainNumber("-12.".utf8))
        #expect(!CSVWriter.isPlainNumber("1e".utf8))
        #expect(!CSVWriter.isPlainNumber("-.".utf8))
        #expect(!CSVWriter.isPlainNumber("".utf8))
    }

    @Test("takeBytes hands over the buffer for streaming")
    func takeBytes() {
        var writer = CSVWriter()
        writer.writeRow(["a"])
        #expect(text(writer.takeBytes()) == "a\r\n")
        #expect(writer.bytes.isEmpty)
        writer.writeRow(["b"])
        #expect(text(writer.bytes) == "b\r\n")
    }

    @Test("the register sample survives a write-read round trip")
    func registerRoundTrip() throws {
        let records = try CSVReader.records(in: RegisterSample.text)
        let bytes = CSVWriter.encode(
            header: records[0].fields, rows: records.dropFirst().map(\.fields), formulaProtection: .none)
        #expect(try CSVReader.records(in: bytes).map(\.fields) == records.map(\.fields))
    }

    @Test("generated rows survive a write-read round trip", arguments: 0..<100)
    func generatedRoundTrip(seed: Int) throws {
        var generator = SplitMix64(seed: UInt64(seed))
        let alphabet: [Character] = ["a", "Z", "0", " ", ",", "\"", "\r", "\n", "é", "😀", "=", "-", "'"]
        let width = Int.random(in: 1...6, using: &generator)
        let rows: [[String]] = (0..<Int.random(in: 1...10, using: &generator)).map { _ in
            (0..<width).map { _ in
                String(
                    (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                        alphabet.randomElement(using: &generator) ?? "a"
                    })
            }
        }
        var writer = CSVWriter(formulaProtection: .none)
        for row in rows { writer.writeRow(row) }
        let read = try CSVReader.records(in: writer.bytes)
        #expect(read.map(\.fields) == rows)
    }
}
