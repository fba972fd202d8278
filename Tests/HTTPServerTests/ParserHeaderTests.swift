import Testing

@testable import HTTPServer

@Suite("Header fields")
struct ParserHeaderTests {
    @Test func fieldsKeepOrderAndRepeatsWithOWSTrimmed() throws {
        let request = try ParserHarness.request(
            "GET / HTTP/1.1\r\nHost: a\r\nAccept:  text/plain \t\r\nX-Empty:\r\nX-Tabs:\tv 1\t\r\naccept: */*\r\n\r\n")
        let fields = request.head.headers.map { "\($0.name)=\($0.value)" }
        #expect(fields == ["Host=a", "Accept=text/plain", "X-Empty=", "X-Tabs=v 1", "accept=*/*"])
        #expect(request.head.headers.values(for: "ACCEPT") == ["text/plain", "*/*"])
    }

    @Test func valuesMayHoldInnerWhitespaceAndHighBytes() throws {
        let request = try ParserHarness.request("GET / HTTP/1.1\r\nHost: a\r\nX-Name: J\u{F6}rg  M\u{FC}ller\r\n\r\n")
        #expect(request.head.headers["x-name"] == "Jörg  Müller")
    }

    @Test(arguments: [
        "X-A : v",  // space between name and colon
        "X-A\t: v",  // tab between name and colon
        " X-A: v",  // obs-fold (continuation line)
        "\tX-A: v",
        "X A: v",  // name not a token
        "X(A): v",
        ": v",  // empty name
        "NoColon",
        "X-A: a\u{0}b",  // NUL
        "X-A: a\rb",  // bare CR
        "X-A: a\u{01}b",  // other control bytes
        "X-A: a\u{1B}b",
        "X-A: a\u{7F}b",  // DEL
        "X-A: v\r",  // CR before the CRLF
        "X-\u{E9}: v",  // non-ASCII name
    ])
    func malformedFieldLineIs400(line: String) {
        #expect(ParserHarness.status("GET / HTTP/1.1\r\nHost: a\r\n\(line)\r\n\r\n") == 400)
    }

    @Test func foldedContinuationOfTheFirstFieldIs400() {
        #expect(ParserHarness.status("GET / HTTP/1.1\r\nHost: a\r\n  b\r\n\r\n") == 400)
    }

    @Test(arguments: [
        "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n",  // bare LF ends a field line
        "GET / HTTP/1.1\r\nHost: a\r\n\n",  // bare LF ends the section
    ])
    func bareLFIs400(input: String) {
        #expect(ParserHarness.status(input) == 400)
    }

    @Test func headerSectionAtTheByteLimitIsAccepted() throws {
        var limits = ParserLimits()
        limits.maxHeaderBytes = 64
        // "Host: a\r\n" is 9 bytes; "X: " + value + "\r\n" is 5 + value.
        let value = String(repeating: "v", count: 64 - 9 - 5)
        let request = try ParserHarness.request("GET / HTTP/1.1\r\nHost: a\r\nX: \(value)\r\n\r\n", limits: limits)
        #expect(request.head.headers["x"] == value)
        #expect(ParserHarness.status("GET / HTTP/1.1\r\nHost: a\r\nX: \(value)v\r\n\r\n", limits: limits) == 431)
    }

    @Test func oneHugeHeaderIs431() {
        let value = String(repeating: "v", count: ParserLimits().maxHeaderBytes)
        #expect(ParserHarness.status("GET / HTTP/1.1\r\nHost: a\r\nX-Big: \(value)\r\n\r\n") == 431)
    }

    @Test func manyHeadersOverTheByteLimitAre431() {
        let fields = (0..<90).map { "X-Field-\($0): \(String(repeating: "v", count: 200))\r\n" }.joined()
        #expect(ParserHarness.status("GET / HTTP/1.1\r\nHost: a\r\n\(fields)\r\n") == 431)
    }

    @Test func oversizedHeaderIs431BeforeItsEndArrives() throws {
        var parser = RequestParser()
        let limit = parser.limits.maxHeaderBytes
        parser.append(Array("GET / HTTP/1.1\r\nX-Big: ".utf8))
        #expect(try parser.next() == nil)
        // Never a CRLF: the parser must give up by itself instead of buffering forever.
        var thrown: HTTPParseError?
        for _ in 0..<(2 * limit / 1024) {
            parser.append([UInt8](repeating: UInt8(ascii: "v"), count: 1024))
            do {
                _ = try parser.next()
            } catch {
                thrown = error
                break
            }
        }
        #expect(thrown?.status == .requestHeaderFieldsTooLarge)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test func headerCountAtTheLimitIsAccepted() throws {
        // Host plus 99 more is exactly 100 fields.
        let fields = (0..<99).map { "X-\($0): v\r\n" }.joined()
        let request = try ParserHarness.request("GET / HTTP/1.1\r\nHost: a\r\n\(fields)\r\n")
        #expect(request.head.headers.count == 100)
    }

    @Test func tooManyHeaderFieldsAre431() {
        let fields = (0..<100).map { "X-\($0): v\r\n" }.joined()
        #expect(ParserHarness.status("GET / HTTP/1.1\r\nHost: a\r\n\(fields)\r\n") == 431)
    }

    @Test func http11WithoutHostIs400() {
        #expect(ParserHarness.status("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n") == 400)
    }

    @Test(arguments: ["HTTP/1.1", "HTTP/1.0"])
    func repeatedHostIs400(version: String) {
        #expect(ParserHarness.status("GET / \(version)\r\nHost: a\r\nHost: b\r\n\r\n") == 400)
        #expect(ParserHarness.status("GET / \(version)\r\nHost: a\r\nhost: a\r\n\r\n") == 400)
    }

    @Test func http10WithoutHostIsAccepted() throws {
        let request = try ParserHarness.request("GET / HTTP/1.0\r\nAccept: */*\r\n\r\n")
        #expect(request.head.headers["host"] == nil)
    }

    @Test(arguments: ["example.com", "example.com:8080", "127.0.0.1:80", "[::1]:8080", "xn--bcher-kva.example", ""])
    func validHostValuesAreAccepted(host: String) throws {
        let request = try ParserHarness.request("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        #expect(request.head.headers["Host"] == host)
    }

    @Test(arguments: ["exa mple.com", "example.com/path", "user@example.com", "a\"b", "a<b>"])
    func invalidHostValuesAre400(host: String) {
        #expect(ParserHarness.status("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n") == 400)
    }
}
