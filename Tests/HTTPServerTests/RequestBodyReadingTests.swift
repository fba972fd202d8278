import Foundation
import Testing

@testable import HTTPServer

@Suite("Request body reading")
struct RequestBodyReadingTests {
    /// A body spooled to a real file, as the server hands over large uploads.
    static func spooled(_ text: String) throws -> RequestBody {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("body-reading-\(UUID().uuidString)").path
        let bytes = Array(text.utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return .file(SpooledFile(path: path, byteCount: bytes.count))
    }

    /// Both kinds of body holding `text`.
    static func bodies(_ text: String) throws -> [RequestBody] {
        [.bytes(Array(text.utf8)), try spooled(text)]
    }

    /// Every line as (number, text), failing on any error.
    static func lines(_ body: RequestBody, chunkSize: Int = 64 * 1024, maximum: Int = 1024) throws -> [(Int, String)] {
        var reader = body.lines(maximumLineBytes: maximum, chunkSize: chunkSize)
        var lines: [(Int, String)] = []
        while let line = try reader.next() {
            lines.append((line.number, String(decoding: line.bytes, as: UTF8.self)))
        }
        return lines
    }

    /// Lines and refusals in order, reading on after each refusal.
    static func outcomes(_ body: RequestBody, chunkSize: Int, maximum: Int) -> [String] {
        var reader = body.lines(maximumLineBytes: maximum, chunkSize: chunkSize)
        var outcomes: [String] = []
        while outcomes.count < 100 {
            do {
                guard let line = try reader.next() else { break }
                outcomes.append("\(line.number):\(String(decoding: line.bytes, as: UTF8.self))")
            } catch {
                outcomes.append("\(error)")
            }
        }
        return outcomes
    }

    @Test("chunks reassemble the body whatever the piece size, from memory and from a file")
    func chunksReassemble() throws {
        let text = String(repeating: "0123456789abcdef", count: 1000) + "tail"
        for body in try Self.bodies(text) {
            for size in [1, 7, 4096, 64 * 1024] {
                var chunks = body.chunks(size: size)
                var collected: [UInt8] = []
                var pieces = 0
                while let chunk = try chunks.next() {
                    #expect(chunk.count <= size && !chunk.isEmpty)
                    collected += chunk
                    pieces += 1
                }
                #expect(collected == Array(text.utf8))
                #expect(pieces == (text.utf8.count + size - 1) / size)
                #expect(try chunks.next() == nil)
            }
        }
    }

    @Test("an empty body has no chunks and no lines")
    func emptyBody() throws {
        var chunks = RequestBody.empty.chunks()
        #expect(try chunks.next() == nil)
        #expect(try Self.lines(.empty).isEmpty)
        #expect(try Self.lines(.bytes([])).isEmpty)
    }

    @Test("lines split across chunk boundaries come out whole, numbered from 1", arguments: [1, 2, 3, 5, 64])
    func linesAcrossChunks(chunkSize: Int) throws {
        let text = "first line\nsecond\n\nfourth, after a blank one\n"
        for body in try Self.bodies(text) {
            let lines = try Self.lines(body, chunkSize: chunkSize)
            #expect(lines.map(\.0) == [1, 2, 3, 4])
            #expect(lines.map(\.1) == ["first line", "second", "", "fourth, after a blank one"])
        }
    }

    @Test("CR LF line ends lose their CR, even when the CR and LF arrive in different chunks")
    func crlf() throws {
        for body in try Self.bodies("a\r\nbb\r\n\r\nccc\r\n") {
            for size in [1, 2, 3, 100] {
                #expect(try Self.lines(body, chunkSize: size).map(\.1) == ["a", "bb", "", "ccc"])
            }
        }
    }

    @Test("a last line without a line end is still a line")
    func noTrailingNewline() throws {
        for body in try Self.bodies("one\ntwo") {
            let lines = try Self.lines(body, chunkSize: 2)
            #expect(lines.map(\.0) == [1, 2])
            #expect(lines.map(\.1) == ["one", "two"])
        }
    }

    @Test("blank means only spaces and tabs")
    func blankLines() {
        #expect(RequestBodyLine(number: 1, bytes: []).isBlank)
        #expect(RequestBodyLine(number: 1, bytes: Array(" \t ".utf8)).isBlank)
        #expect(!RequestBodyLine(number: 1, bytes: Array(" {} ".utf8)).isBlank)
    }

    @Test("a line up to the limit is accepted; one byte more is refused with its line number")
    func limitIsInclusive() throws {
        let text = "12345\r\n123456\n1234\n"
        for body in try Self.bodies(text) {
            for size in [1, 3, 64] {
                #expect(
                    Self.outcomes(body, chunkSize: size, maximum: 5)
                        == ["1:12345", "line 2 is longer than 5 bytes", "3:1234"])
            }
        }
    }

    @Test("a very long line is refused with its number and reading goes on at the next line", arguments: [1, 16, 4096])
    func veryLongLine(chunkSize: Int) throws {
        let text = "short\n" + String(repeating: "x", count: 50_000) + "\nafter\n" + String(repeating: "y", count: 3000)
        for body in try Self.bodies(text) {
            #expect(
                Self.outcomes(body, chunkSize: chunkSize, maximum: 100)
                    == ["1:short", "line 2 is longer than 100 bytes", "3:after", "line 4 is longer than 100 bytes"])
        }
    }

    @Test("a missing spool file is a read error, not a crash")
    func missingFile() {
        let body = RequestBody.file(SpooledFile(path: "/nonexistent/body-\(UUID().uuidString)", byteCount: 10))
        var chunks = body.chunks()
        #expect(throws: RequestBodyReadError.self) { try chunks.next() }
    }
}
