import Testing

@testable import HTTPServer

@Suite("Connection behaviour")
struct ParserConnectionTests {
    @Test(
        arguments: [
            ("HTTP/1.1", nil, true),
            ("HTTP/1.1", "close", false),
            ("HTTP/1.1", "Close", false),
            ("HTTP/1.1", "keep-alive, CLOSE", false),
            ("HTTP/1.1", "Upgrade", true),
            ("HTTP/1.1", "closed", true),
            ("HTTP/1.0", nil, false),
            ("HTTP/1.0", "keep-alive", true),
            ("HTTP/1.0", "Keep-Alive", true),
            ("HTTP/1.0", "te, keep-alive", true),
            ("HTTP/1.0", "keep-alive, close", false),
            ("HTTP/1.0", "close", false),
        ] as [(String, String?, Bool)])
    func keepAliveFollowsVersionAndConnection(version: String, connection: String?, keepAlive: Bool) throws {
        let field = connection.map { "Connection: \($0)\r\n" } ?? ""
        let request = try ParserHarness.request("GET / \(version)\r\nHost: a\r\n\(field)\r\n")
        #expect(request.head.keepAlive == keepAlive)
    }

    @Test func pipelinedRequestsComeOutInOrder() throws {
        let input =
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            + "PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n1\r\nf\r\n0\r\n\r\n"
            + "DELETE /d?x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        let requests = try ParserHarness.requests(input)
        #expect(requests.map(\.head.method) == [.get, .post, .put, .delete])
        #expect(requests.map(\.head.path) == ["/a", "/b", "/c", "/d"])
        #expect(requests.map(\.bodyText) == ["", "abc", "def", ""])
        #expect(requests.map(\.ended) == [true, true, true, true])
        #expect(requests.map(\.head.keepAlive) == [true, true, true, false])
    }

    @Test func pipelinedHTTP10KeepAliveRequests() throws {
        let one = "GET /one HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
        let two = "POST /two HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nhi"
        let requests = try ParserHarness.requests(one + two)
        #expect(requests.map(\.head.path) == ["/one", "/two"])
        #expect(requests.allSatisfy { $0.head.keepAlive && $0.ended })
        #expect(requests.last?.bodyText == "hi")
    }

    @Test func anUnfinishedPipelinedRequestStaysBuffered() throws {
        var parser = RequestParser()
        let second = "GET /second HTTP/1.1\r\nHo"
        parser.append(Array(("GET /first HTTP/1.1\r\nHost: x\r\n\r\n" + second).utf8))
        guard case .head(let head) = try #require(try parser.next()) else {
            Issue.record("expected a head")
            return
        }
        #expect(head.path == "/first")
        guard case .end = try #require(try parser.next()) else {
            Issue.record("expected end")
            return
        }
        #expect(try parser.next() == nil)
        parser.append(Array("st: x\r\n\r\n".utf8))
        guard case .head(let next) = try #require(try parser.next()) else {
            Issue.record("expected the second head")
            return
        }
        #expect(next.path == "/second")
    }

    /// A mix of every framing, fed whole, byte by byte, and in odd-sized pieces.
    static let mixedStream =
        "\r\nGET /a%2Fb/c?q=1+2 HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n"
        + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\nhello world"
        + "PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "4;e=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-T: 1\r\n\r\n"
        + "GET /d HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"

    @Test(arguments: [1, 2, 3, 7, 64])
    func splittingTheInputDoesNotChangeTheEvents(pieceSize: Int) throws {
        let whole = ParserHarness.transcript(try ParserHarness.events(Self.mixedStream))
        let pieces = ParserHarness.transcript(try ParserHarness.events(Self.mixedStream, pieceSize: pieceSize))
        #expect(whole.count == 10)
        #expect(pieces == whole)
    }

    @Test func rawBufferAppendMatchesArrayAppend() throws {
        var parser = RequestParser()
        let bytes = Array(Self.mixedStream.utf8)
        bytes.withUnsafeBytes { parser.append($0) }
        var events: [ParseEvent] = []
        while let event = try parser.next() { events.append(event) }
        #expect(ParserHarness.transcript(events) == ParserHarness.transcript(try ParserHarness.events(bytes)))
    }

    @Test func manyPipelinedRequestsSurviveBufferCompaction() throws {
        var parser = RequestParser()
        var paths: [String] = []
        var body: [UInt8] = []
        let payload = String(repeating: "0123456789", count: 50)
        for index in 0..<500 {
            parser.append(
                Array(
                    "POST /r\(index) HTTP/1.1\r\nHost: x\r\nContent-Length: \(payload.utf8.count)\r\n\r\n\(payload)"
                        .utf8))
            // Leave some requests unread between appends so compaction sees partial buffers.
            if index % 3 != 0 { continue }
            while let event = try parser.next() {
                switch event {
                case .head(let head): paths.append(head.path)
                case .body(let bytes): body += bytes
                case .end: break
                }
            }
        }
        while let event = try parser.next() {
            switch event {
            case .head(let head): paths.append(head.path)
            case .body(let bytes): body += bytes
            case .end: break
            }
        }
        #expect(paths == (0..<500).map { "/r\($0)" })
        #expect(body.count == 500 * payload.utf8.count)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test func expectContinueIsReportedBeforeTheBody() throws {
        var parser = RequestParser()
        parser.append(Array("PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n".utf8))
        guard case .head(let head) = try #require(try parser.next()) else {
            Issue.record("expected a head")
            return
        }
        #expect(head.expectsContinue)
        #expect(try parser.next() == nil)
        parser.append(Array("data".utf8))
        guard case .body(let bytes) = try #require(try parser.next()) else {
            Issue.record("expected the body")
            return
        }
        #expect(bytes == Array("data".utf8))
    }

    @Test(arguments: [
        ("HTTP/1.1", "100-continue", "Content-Length: 4", true),
        ("HTTP/1.1", "100-Continue", "Transfer-Encoding: chunked", true),
        ("HTTP/1.1", "100-continue", "Content-Length: 0", false),  // nothing to wait for
        ("HTTP/1.1", "100-continue", "X-No-Body: 1", false),
        ("HTTP/1.0", "100-continue", "Content-Length: 4", false),  // 1.0 clients never get a 100
        ("HTTP/1.0", "something-else", "Content-Length: 4", false),  // ignored for 1.0
    ])
    func expectsContinueOnlyWhenABodyWillFollow(version: String, expect: String, framing: String, expected: Bool) throws
    {
        var parser = RequestParser()
        parser.append(Array("POST / \(version)\r\nHost: a\r\nExpect: \(expect)\r\n\(framing)\r\n\r\n".utf8))
        guard case .head(let head) = try #require(try parser.next()) else {
            Issue.record("expected a head")
            return
        }
        #expect(head.expectsContinue == expected)
    }

    @Test(arguments: ["gzip", "100-continue, foo", "", "200-ok", "100-continue;x=1"])
    func otherExpectationsAre417(expect: String) {
        let input = "POST / HTTP/1.1\r\nHost: a\r\nExpect: \(expect)\r\nContent-Length: 1\r\n\r\nx"
        #expect(ParserHarness.status(input) == 417)
    }

    @Test func anErrorIsFinal() throws {
        var parser = RequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n".utf8))
        let first = try #require(throws: HTTPParseError.self) { try parser.next() }
        #expect(first.status == .badRequest)
        #expect(parser.bufferedByteCount == 0)
        // A valid request afterwards changes nothing: the connection is done.
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(parser.bufferedByteCount == 0)
        let second = try #require(throws: HTTPParseError.self) { try parser.next() }
        #expect(second == first)
        let third = try #require(throws: HTTPParseError.self) { try parser.next() }
        #expect(third == first)
    }

    @Test func errorsAfterAGoodRequestStillReportItFirst() throws {
        var parser = RequestParser()
        parser.append(Array("GET /ok HTTP/1.1\r\nHost: a\r\n\r\nGET /bad HTTP/9.9\r\nHost: a\r\n\r\n".utf8))
        guard case .head(let head) = try #require(try parser.next()) else {
            Issue.record("expected the good head")
            return
        }
        #expect(head.path == "/ok")
        guard case .end = try #require(try parser.next()) else {
            Issue.record("expected end")
            return
        }
        let error = try #require(throws: HTTPParseError.self) { try parser.next() }
        #expect(error.status == .httpVersionNotSupported)
    }
}
