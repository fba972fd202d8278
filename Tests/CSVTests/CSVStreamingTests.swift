import Foundation
import Testing

@testable import CSV

@Suite("Streaming")
struct CSVStreamingTests {
    /// Everything the reader has to get right across a chunk boundary: a BOM, quotes, doubled
    /// quotes, CR LF, multi-byte characters, an embedded line break.
    static let document: [UInt8] =
        [0xEF, 0xBB, 0xBF] + Array(RegisterSample.text.utf8)
        + Array("\"Ynys Môn 😀\",\"a\"\"b\",\"c\r\nd\"\r\nlast,row".utf8)

    private static func readWhole(_ bytes: [UInt8]) throws -> [CSVRecord] {
        try CSVReader.records(in: bytes)
    }

    private static func read(_ bytes: [UInt8], splitAt cuts: [Int]) throws -> [CSVRecord] {
        var reader = CSVReader()
        var records: [CSVRecord] = []
        var start = 0
        for cut in cuts.sorted() + [bytes.count] {
            reader.append(bytes[start..<cut])
            start = cut
            while let record = try reader.nextRecord() { records.append(record) }
        }
        reader.finish()
        while let record = try reader.nextRecord() { records.append(record) }
        return records
    }

    @Test("chunks of every small size give the same records as the whole", arguments: [1, 2, 3, 4, 5, 7, 16, 64])
    func fixedChunks(size: Int) throws {
        let whole = try Self.readWhole(Self.document)
        #expect(whole.count == RegisterSample.expected.count + 2)
        #expect(whole.last == CSVRecord(fields: ["last", "row"], line: 10))
        let cuts = Array(stride(from: size, to: Self.document.count, by: size))
        #expect(try Self.read(Self.document, splitAt: cuts) == whole)
    }

    @Test("random split points give the same records", arguments: 0..<50)
    func randomSplits(seed: Int) throws {
        var generator = SplitMix64(seed: UInt64(seed))
        let cutCount = Int.random(in: 1..<20, using: &generator)
        let cuts = (0..<cutCount).map { _ in Int.random(in: 0...Self.document.count, using: &generator) }
        #expect(try Self.read(Self.document, splitAt: cuts) == Self.readWhole(Self.document))
    }

    @Test("errors are the same whole or streamed")
    func errorsWhenStreamed() throws {
        let bytes = Array("a,b\n\"x\"\"y\",2\r\n3,\"4\"5\n".utf8)
        var wholeError: CSVError?
        do { _ = try Self.readWhole(bytes) } catch { wholeError = error as? CSVError }
        for size in 1...5 {
            var streamedError: CSVError?
            do {
                _ = try Self.read(bytes, splitAt: Array(stride(from: size, to: bytes.count, by: size)))
            } catch {
                streamedError = error as? CSVError
            }
            #expect(streamedError == wholeError)
            #expect(streamedError?.kind == .characterAfterClosingQuote)
            #expect(streamedError?.line == 3)
        }
    }

    @Test("pulling from a byte source")
    func byteSource() throws {
        var source = CSVChunkedBytes(Self.document, chunkSize: 3)
        var reader = CSVReader()
        var records: [CSVRecord] = []
        while let record = try reader.nextRecord(from: &source) { records.append(record) }
        #expect(records == (try Self.readWhole(Self.document)))
        #expect(try reader.nextRecord(from: &source) == nil)
    }

    @Test("a large generated upload streams to the same records")
    func largeUpload() throws {
        var text = "reference,council,received,note\r\n"
        for number in 0..<20_000 {
            text +=
                "\(number),\"Council \(number), Borough\",2024-01-\(number % 28 + 1),\"said \"\"no\"\"\nthen yes\"\r\n"
        }
        let bytes = Array(text.utf8)
        var source = CSVChunkedBytes(bytes, chunkSize: 4096)
        var reader = CSVReader()
        var count = 0
        var last: CSVRecord?
        while let record = try reader.nextRecord(from: &source) {
            count += 1
            last = record
        }
        #expect(count == 20_001)
        #expect(
            last
                == CSVRecord(
                    fields: ["19999", "Council 19999, Borough", "2024-01-8", "said \"no\"\nthen yes"],
                    line: 2 * 19_999 + 2))
    }

    @Test("reading a file in chunks")
    func fileSource() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "csv-\(UInt64.random(in: 0...UInt64.max)).csv"
        ).path
        try Data(Self.document).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var source = try CSVFileSource(path: path, chunkSize: 5)
        var reader = CSVReader()
        var records: [CSVRecord] = []
        while let record = try reader.nextRecord(from: &source) { records.append(record) }
        #expect(records == (try Self.readWhole(Self.document)))

        #expect(throws: CSVFileError.self) { try CSVFileSource(path: path + ".missing") }
        do {
            _ = try CSVFileSource(path: path + ".missing")
        } catch {
            #expect(error.code == ENOENT)
            #expect(error.description.contains("cannot open"))
        }
    }
}
