import Testing

@testable import HTTPServer

@Suite("Request line")
struct ParserRequestLineTests {
    @Test func simpleGet() throws {
        let events = try ParserHarness.events("GET /v1/councils HTTP/1.1\r\nHost: example.com\r\n\r\n")
        #expect(events.count == 2)
        guard case .head(let head) = try #require(events.first) else {
            Issue.record("first event is not a head")
            return
        }
        guard case .end = try #require(events.last) else {
            Issue.record("last event is not end")
            return
        }
        #expect(head.method == .get)
        #expect(head.target == "/v1/councils")
        #expect(head.version == .http11)
        #expect(head.path == "/v1/councils")
        #expect(head.pathSegments == ["v1", "councils"])
        #expect(head.query.isEmpty)
        #expect(head.headers["host"] == "example.com")
        #expect(head.framing == .none)
        #expect(head.keepAlive)
        #expect(!head.expectsContinue)
    }

    @Test func headIsReportedBeforeMoreBytesArrive() throws {
        var parser = RequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.bufferedByteCount == 0)
        parser.append(Array("\r\n".utf8))
        let head = try #require(try parser.next())
        guard case .head = head else {
            Issue.record("expected a head")
            return
        }
        guard case .end = try #require(try parser.next()) else {
            Issue.record("expected end")
            return
        }
        #expect(try parser.next() == nil)
    }

    @Test(arguments: ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"])
    func knownMethods(method: String) throws {
        let request = try ParserHarness.request("\(method) / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(request.head.method.rawValue == method)
    }

    @Test func emptyLinesBeforeTheRequestLineAreIgnored() throws {
        let request = try ParserHarness.request("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(request.head.path == "/")
    }

    @Test func tooManyEmptyLinesBeforeTheRequestLine() {
        let input = String(repeating: "\r\n", count: 5) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(ParserHarness.status(input) == 400)
    }

    @Test(arguments: [
        "GET  / HTTP/1.1",  // two spaces after the method
        "GET /  HTTP/1.1",  // two spaces before the version
        "GET / HTTP/1.1 ",  // trailing space
        " GET / HTTP/1.1",  // leading space
        "GET\t/ HTTP/1.1",  // tab instead of space
        "GET / \tHTTP/1.1",
        "GET /",  // HTTP/0.9 style, no version
        "GET",
        "G(T / HTTP/1.1",  // method not a token
        "GE\"T / HTTP/1.1",
        "GET /a\u{7F}b HTTP/1.1",  // DEL in the target
        "GET /a\u{01}b HTTP/1.1",  // control byte in the target
        "GET /caf\u{E9} HTTP/1.1",  // non-ASCII in the target
        "GET /a\rb HTTP/1.1",  // bare CR in the line
        "GET / HTTP/1.1\r",  // CR CR LF
    ])
    func malformedRequestLineIs400(line: String) {
        #expect(ParserHarness.status(line + "\r\nHost: a\r\n\r\n") == 400)
    }

    @Test func requestLineEndingInBareLFIs400() {
        #expect(ParserHarness.status("GET / HTTP/1.1\nHost: a\r\n\r\n") == 400)
        #expect(ParserHarness.status("\nGET / HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
    }

    @Test(arguments: ["HTTP/2.0", "HTTP/0.9", "HTTP/1.2", "HTTP/3.0", "HTTP/9.9"])
    func wellFormedUnsupportedVersionIs505(version: String) {
        #expect(ParserHarness.status("GET / \(version)\r\nHost: a\r\n\r\n") == 505)
    }

    @Test func http2PrefaceIs505() {
        #expect(ParserHarness.status("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") == 505)
    }

    @Test(arguments: [
        "HTTX/1.1", "HTTP/1.1x", "http/1.1", "Http/1.1", "HTTP/1", "HTTP/1.", "HTTP/11", "HTTP/1.10",
        "HTTP/10.1", "HTTP 1.1", "HTTP/a.b", "HTTP/1,1",
    ])
    func malformedVersionIs400(version: String) {
        #expect(ParserHarness.status("GET / \(version)\r\nHost: a\r\n\r\n") == 400)
    }

    @Test(arguments: ["BREW", "get", "PROPFIND", "M-SEARCH", "X"])
    func unknownMethodTokenIs501(method: String) {
        #expect(ParserHarness.status("\(method) / HTTP/1.1\r\nHost: a\r\n\r\n") == 501)
    }

    @Test func http10RequestIsAccepted() throws {
        let request = try ParserHarness.request("GET /old HTTP/1.0\r\n\r\n")
        #expect(request.head.version == .http10)
        #expect(request.head.path == "/old")
    }

    /// The start of a TLS 1.2 ClientHello: record type 0x16, version 0x0301, a length.
    static let tlsClientHello: [UInt8] = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]

    @Test func tlsHandshakeIsRefusedAtOnce() {
        // No CRLF ever arrives; the first byte is enough to know this is not HTTP.
        var parser = RequestParser()
        parser.append(Self.tlsClientHello)
        #expect(throws: HTTPParseError.self) { try parser.next() }
        #expect(ParserHarness.status(Self.tlsClientHello + [0x0D, 0x0A]) == 400)
    }

    @Test(
        arguments: [
            [0x00, 0x01, 0x02, 0x03],
            [0xFF, 0xFE, 0x47, 0x45],
            [0x47, 0x45, 0x54, 0x20, 0x2F, 0x00],  // "GET /" then NUL
            [0x47, 0x45, 0x54, 0x20, 0x2F, 0x80],  // "GET /" then a high byte
        ] as [[UInt8]])
    func binaryInputIs400WithoutWaitingForALineEnd(bytes: [UInt8]) {
        #expect(ParserHarness.status(bytes) == 400)
    }

    @Test func requestLineAtTheLimitIsAccepted() throws {
        let limits = ParserLimits()
        let prefix = "GET /"
        let suffix = " HTTP/1.1"
        let path = String(repeating: "a", count: limits.maxRequestLineBytes - prefix.utf8.count - suffix.utf8.count)
        let request = try ParserHarness.request("\(prefix)\(path)\(suffix)\r\nHost: a\r\n\r\n")
        #expect(request.head.target.utf8.count == limits.maxRequestLineBytes - 4 - suffix.utf8.count)
    }

    @Test func requestLineOverTheLimitIs414() {
        let limits = ParserLimits()
        let path = String(repeating: "a", count: limits.maxRequestLineBytes)
        #expect(ParserHarness.status("GET /\(path) HTTP/1.1\r\nHost: a\r\n\r\n") == 414)
    }

    @Test func longRequestLineIs414BeforeItsEndArrives() throws {
        var parser = RequestParser()
        let limit = parser.limits.maxRequestLineBytes
        parser.append(Array("GET /".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: limit - 5))
        #expect(try parser.next() == nil)
        #expect(parser.bufferedByteCount == limit)
        parser.append([UInt8(ascii: "a")])
        let error = try #require(throws: HTTPParseError.self) { try parser.next() }
        #expect(error.status == .uriTooLong)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test func aFinalCROfALineAtTheLimitIsNotCountedAgainstIt() throws {
        var parser = RequestParser()
        let limit = parser.limits.maxRequestLineBytes
        let line =
            Array("GET /".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: limit - 14) + Array(" HTTP/1.1".utf8)
        #expect(line.count == limit)
        parser.append(line + [0x0D])
        #expect(try parser.next() == nil)
        parser.append(Array("\nHost: a\r\n\r\n".utf8))
        guard case .head = try #require(try parser.next()) else {
            Issue.record("expected a head")
            return
        }
    }

    @Test func customLimitApplies() {
        var limits = ParserLimits()
        limits.maxRequestLineBytes = 20
        #expect(ParserHarness.status("GET /0123456789 HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits) == 414)
        #expect(ParserHarness.status("GET /01234 HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits) == nil)
    }
}
