import Testing

@testable import CSV

@Suite("CSV errors")
struct CSVReaderErrorTests {
    private func failure(_ bytes: [UInt8], maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes)
        -> (records: [CSVRecord], error: CSVError?)
    {
        var reader = CSVReader(maximumRecordBytes: maximumRecordBytes)
        reader.append(bytes)
        reader.finish()
        var records: [CSVRecord] = []
        do {
            while let record = try reader.nextRecord() { records.append(record) }
            return (records, nil)
        } catch {
            return (records, error)
        }
    }

    private func failure(_ text: String) -> (records: [CSVRecord], error: CSVError?) {
        failure(Array(text.utf8))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let kind: CSVError.Kind
        let line: Int
        let recordsBefore: Int
        var testDescription: String { text.debugDescription }
    }

    @Test(
        "each error with its line, after the good records before it",
        arguments: [
            Case(text: "a,b\n\"open,c\nmore\n", kind: .unterminatedQuote, line: 2, recordsBefore: 1),
            Case(text: "a\nb\n1,\"x", kind: .unterminatedQuote, line: 3, recordsBefore: 2),
            Case(text: "a\r\n\r\nb,c\"d\r\n", kind: .quoteInUnquotedField, line: 3, recordsBefore: 1),
            Case(text: "x\"", kind: .quoteInUnquotedField, line: 1, recordsBefore: 0),
            Case(text: "a\n\"q\"x,b\n", kind: .characterAfterClosingQuote, line: 2, recordsBefore: 1),
            Case(text: "a\n\"multi\nline\" ,b\n", kind: .characterAfterClosingQuote, line: 3, recordsBefore: 1),
        ])
    func errors(testCase: Case) throws {
        let (records, error) = failure(testCase.text)
        let found = try #require(error)
        #expect(found.kind == testCase.kind, "\(found)")
        #expect(found.line == testCase.line, "\(found)")
        #expect(records.count == testCase.recordsBefore)
        #expect(found.description.hasPrefix("line \(testCase.line): "))
    }

    @Test("invalid UTF-8 is reported on the line where the field starts")
    func invalidUTF8() throws {
        let cases: [(bytes: [UInt8], line: Int)] = [
            (Array("a,b\nok,".utf8) + [0xFF] + Array("\n".utf8), 2),
            (Array("a\n\"x\n".utf8) + [0xC3, 0x28] + Array("\"\n".utf8), 2),
            ([0xED, 0xA0, 0x80], 1),
            (Array("a\n".utf8) + [0xE2, 0x82], 2),
        ]
        for (bytes, line) in cases {
            let (_, error) = failure(bytes)
            let found = try #require(error)
            #expect(found.kind == .invalidUTF8)
            #expect(found.line == line)
        }
    }

    @Test("records over the size limit are refused, so a runaway quote cannot exhaust memory")
    func recordTooLong() throws {
        let (records, error) = failure(
            Array("ok\n\"never closed".utf8) + Array(repeating: 0x61, count: 500), maximumRecordBytes: 100)
        #expect(records.count == 1)
        #expect(error?.kind == .recordTooLong)
        #expect(error?.line == 2)
        // Exactly at the limit is fine; line ends are part of the record.
        #expect(failure(Array("abcd\n".utf8), maximumRecordBytes: 5).error == nil)
        #expect(failure(Array("abcde\n".utf8), maximumRecordBytes: 5).error?.kind == .recordTooLong)
    }

    @Test("the first error is final")
    func stickyError() throws {
        var reader = CSVReader()
        reader.append(Array("a\nb\"c\nd\n".utf8))
        #expect(try reader.nextRecord()?.fields == ["a"])
        #expect(throws: CSVError.self) { try reader.nextRecord() }
        reader.append(Array("e\n".utf8))
        reader.finish()
        #expect(throws: CSVError.self) { try reader.nextRecord() }
    }

    @Test("random byte soup never crashes")
    func randomBytes() {
        var generator = SplitMix64(seed: 4180)
        let alphabet = Array("a,\"\r\n ".utf8) + [0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<30, using: &generator)
            let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            let (records, error) = failure(bytes)
            if let error {
                #expect(error.line >= 1)
            }
            #expect(records.allSatisfy { $0.line >= 1 && !$0.fields.isEmpty })
        }
    }
}
