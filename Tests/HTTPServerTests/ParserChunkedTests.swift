import Testing

@testable import HTTPServer

@Suite("Chunked bodies")
struct ParserChunkedTests {
    private static let head = "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let body =
            "5;name=value\r\nhello\r\n6 ; ext ; other=\"quoted\"\r\n world\r\n"
            + "0;last\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"
        let request = try ParserHarness.request(Self.head + body)
        #expect(request.head.framing == .chunked)
        #expect(request.bodyText == "hello world")
        // Trailers are validated, then dropped: they never reach the head.
        #expect(request.head.headers["X-Checksum"] == nil)
        #expect(request.head.headers.count == 2)
    }

    @Test func emptyChunkedBody() throws {
        let request = try ParserHarness.request(Self.head + "0\r\n\r\n")
        #expect(request.body.isEmpty)
    }

    @Test(arguments: [("a", 10), ("A", 10), ("000A", 10), ("1f", 31), ("0000000000000000000001", 1)])
    func chunkSizeIsHex(size: String, length: Int) throws {
        let data = String(repeating: "x", count: length)
        let request = try ParserHarness.request(Self.head + "\(size)\r\n\(data)\r\n0\r\n\r\n")
        #expect(request.body.count == length)
    }

    @Test func chunkDataIsReportedBeforeTheChunkEnds() throws {
        var parser = RequestParser()
        parser.append(Array((Self.head + "10\r\n0123").utf8))
        guard case .head = try #require(try parser.next()) else {
            Issue.record("expected a head")
            return
        }
        guard case .body(let bytes) = try #require(try parser.next()) else {
            Issue.record("expected body bytes")
            return
        }
        #expect(bytes == Array("0123".utf8))
        #expect(try parser.next() == nil)
    }

    @Test func largestChunkSizeIsAccepted() throws {
        var parser = RequestParser()
        parser.append(Array((Self.head + "7fffffffffffffff\r\nab").utf8))
        guard case .head = try #require(try parser.next()) else {
            Issue.record("expected a head")
            return
        }
        guard case .body(let bytes) = try #require(try parser.next()) else {
            Issue.record("expected body bytes")
            return
        }
        #expect(bytes == Array("ab".utf8))
    }

    @Test(arguments: [
        "-5\r\nhello\r\n0\r\n\r\n",  // sign
        "+5\r\nhello\r\n0\r\n\r\n",
        "0x5\r\nhello\r\n0\r\n\r\n",  // 0x prefix
        " 5\r\nhello\r\n0\r\n\r\n",  // space before the size
        "\r\nhello\r\n0\r\n\r\n",  // empty size
        "g\r\nhello\r\n0\r\n\r\n",
        "5 x\r\nhello\r\n0\r\n\r\n",  // junk after the size
        "5 \r\nhello\r\n0\r\n\r\n",  // whitespace with no extension
        "5;ext\u{0}\r\nhello\r\n0\r\n\r\n",  // control byte in an extension
        "10000000000000000\r\n",  // 17 hex digits
        "8000000000000000\r\n",  // Int.max + 1
        "ffffffffffffffffffff\r\n",
        "5\r\nhelloX\r\n0\r\n\r\n",  // data longer than its size
        "5\r\nhello0\r\n\r\n",  // no CRLF after the data
        "5\r\nhello\n0\r\n\r\n",  // LF alone after the data
        "5\r\nhello\rX0\r\n\r\n",  // CR alone after the data
        "5\nhello\r\n0\r\n\r\n",  // bare LF after the size
        "0\r\nBad Trailer: x\r\n\r\n",  // trailer name not a token
        "0\r\nX-T : x\r\n\r\n",  // whitespace before the colon
        "0\r\nX-T: a\u{0}b\r\n\r\n",  // NUL in a trailer
        "0\r\n folded\r\n\r\n",  // obs-fold
        "0\r\nX-T: x\n\r\n",  // bare LF in the trailers
    ])
    func malformedChunkingIs400(body: String) {
        #expect(ParserHarness.status(Self.head + body) == 400)
    }

    @Test func overlongChunkExtensionIs400() {
        let ext = String(repeating: "e", count: ParserLimits().maxChunkLineBytes)
        #expect(ParserHarness.status(Self.head + "5;\(ext)\r\nhello\r\n0\r\n\r\n") == 400)
    }

    @Test func overlongChunkExtensionIs400BeforeItsEndArrives() throws {
        var parser = RequestParser()
        parser.append(Array((Self.head + "5;").utf8))
        guard case .head = try #require(try parser.next()) else {
            Issue.record("expected a head")
            return
        }
        var thrown: HTTPParseError?
        for _ in 0..<8 {
            parser.append([UInt8](repeating: UInt8(ascii: "e"), count: 1024))
            do {
                _ = try parser.next()
            } catch {
                thrown = error
                break
            }
        }
        #expect(thrown?.status == .badRequest)
    }

    @Test func trailersCountAgainstTheHeaderFieldLimit() {
        // The head has Host and Transfer-Encoding; 99 trailer fields make 101.
        let trailers = (0..<99).map { "X-\($0): v\r\n" }.joined()
        #expect(ParserHarness.status(Self.head + "0\r\n\(trailers)\r\n") == 431)
        let fewer = (0..<98).map { "X-\($0): v\r\n" }.joined()
        #expect(ParserHarness.status(Self.head + "0\r\n\(fewer)\r\n") == nil)
    }

    @Test func trailersCountAgainstTheHeaderByteLimit() {
        let value = String(repeating: "v", count: ParserLimits().maxHeaderBytes)
        #expect(ParserHarness.status(Self.head + "0\r\nX-Big: \(value)\r\n\r\n") == 431)
    }
}
