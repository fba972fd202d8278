import Testing

@testable import HTTPServer

@Suite("Body framing")
struct ParserFramingTests {
    @Test func contentLengthBody() throws {
        let request = try ParserHarness.request("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
        #expect(request.head.framing == .contentLength(5))
        #expect(request.bodyText == "hello")
    }

    @Test func bodyBytesAreReportedAsTheyArrive() throws {
        var parser = RequestParser()
        parser.append(Array("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhe".utf8))
        guard case .head(let head) = try #require(try parser.next()) else {
            Issue.record("expected the head first")
            return
        }
        #expect(head.framing == .contentLength(5))
        guard case .body(let first) = try #require(try parser.next()) else {
            Issue.record("expected the first body bytes")
            return
        }
        #expect(first == Array("he".utf8))
        #expect(try parser.next() == nil)
        parser.append(Array("lloGET".utf8))
        guard case .body(let second) = try #require(try parser.next()) else {
            Issue.record("expected the rest of the body")
            return
        }
        #expect(second == Array("llo".utf8))
        guard case .end = try #require(try parser.next()) else {
            Issue.record("expected end")
            return
        }
        // The bytes after the body belong to the next request.
        #expect(try parser.next() == nil)
        #expect(parser.bufferedByteCount == 3)
    }

    @Test func zeroContentLengthHasNoBodyEvents() throws {
        let events = try ParserHarness.events("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
        #expect(ParserHarness.transcript(events).count == 2)
        let request = try #require(try ParserHarness.group(events).first)
        #expect(request.head.framing == .contentLength(0))
        #expect(request.ended)
    }

    @Test func noFramingMeansNoBody() throws {
        let events = try ParserHarness.events("DELETE /x HTTP/1.1\r\nHost: a\r\n\r\nGET")
        let requests = try ParserHarness.group(events)
        #expect(requests.count == 1)
        #expect(requests.first?.head.framing == BodyFraming.none)
        #expect(requests.first?.body == [])
        #expect(requests.first?.ended == true)
    }

    @Test(arguments: [
        ["Content-Length: 5", "Content-Length: 5"],
        ["Content-Length: 5, 5"],
        ["Content-Length: 5,5", "content-length: 05"],
        ["Content-Length:\t5\t"],
    ])
    func identicalRepeatedContentLengthsAreOne(fields: [String]) throws {
        let head = "POST /x HTTP/1.1\r\nHost: a\r\n" + fields.map { $0 + "\r\n" }.joined()
        let request = try ParserHarness.request(head + "\r\nhello")
        #expect(request.head.framing == .contentLength(5))
        #expect(request.bodyText == "hello")
    }

    @Test(arguments: [
        "",  // empty
        " ",
        "-1",  // sign
        "+5",
        "0x10",  // hex
        "1 2",  // space inside
        "5a",
        "abc",
        "5,6",  // different values in a list
        "5,",  // empty list member
        ",5",
        "5.0",
        "99999999999999999999",  // overflows Int
        "9223372036854775808",  // Int.max + 1
    ])
    func malformedContentLengthIs400(value: String) {
        #expect(ParserHarness.status("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: \(value)\r\n\r\n") == 400)
    }

    @Test func differentRepeatedContentLengthsAre400() {
        let input = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"
        #expect(ParserHarness.status(input) == 400)
    }

    @Test func largestContentLengthIsAccepted() throws {
        var parser = RequestParser()
        parser.append(Array("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 9223372036854775807\r\n\r\n".utf8))
        guard case .head(let head) = try #require(try parser.next()) else {
            Issue.record("expected a head")
            return
        }
        #expect(head.framing == .contentLength(Int.max))
        #expect(try parser.next() == nil)
    }

    @Test(arguments: [
        "Transfer-Encoding: chunked\r\nContent-Length: 5",
        "Content-Length: 5\r\nTransfer-Encoding: chunked",
        "Content-Length: 0\r\nTransfer-Encoding: chunked",
    ])
    func transferEncodingWithContentLengthIs400(fields: String) {
        let input = "POST /x HTTP/1.1\r\nHost: a\r\n\(fields)\r\n\r\n0\r\n\r\n"
        #expect(ParserHarness.status(input) == 400)
    }

    @Test func transferEncodingInHTTP10Is400() {
        #expect(ParserHarness.status("POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == 400)
    }

    @Test(arguments: ["chunked", "Chunked", "CHUNKED", " chunked "])
    func chunkedIsAcceptedInAnyCase(value: String) throws {
        let request = try ParserHarness.request(
            "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \(value)\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        #expect(request.head.framing == .chunked)
        #expect(request.bodyText == "abc")
    }

    /// 400: the body length cannot be determined (malformed list, chunked repeated, not last, or absent).
    @Test(arguments: [
        ["chunked, chunked"],
        ["chunked", "chunked"],
        ["chunked, gzip"],
        ["chunked", "gzip"],
        ["gzip"],
        ["identity"],
        [""],
        ["chunked,"],
        [",chunked"],
        ["chunked;q=1"],
        ["chun ked"],
        ["\"chunked\""],
    ])
    func undeterminableTransferEncodingIs400(values: [String]) {
        let fields = values.map { "Transfer-Encoding: \($0)\r\n" }.joined()
        #expect(ParserHarness.status("POST /x HTTP/1.1\r\nHost: a\r\n\(fields)\r\n0\r\n\r\n") == 400)
    }

    /// 501: well formed and ending in chunked, but with a coding this server does not implement.
    @Test(arguments: [
        ["gzip, chunked"],
        ["identity, chunked"],
        ["x-custom, chunked"],
        ["gzip", "chunked"],
        ["deflate;level=9, chunked"],
    ])
    func unsupportedTransferCodingIs501(values: [String]) {
        let fields = values.map { "Transfer-Encoding: \($0)\r\n" }.joined()
        #expect(ParserHarness.status("POST /x HTTP/1.1\r\nHost: a\r\n\(fields)\r\n0\r\n\r\n") == 501)
    }
}
