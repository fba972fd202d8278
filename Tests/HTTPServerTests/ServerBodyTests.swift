import HTTPTestSupport
import Testing

@testable import HTTPServer

/// Request bodies over a real socket: limits, 100-continue, chunked uploads, spooling to disk.
@Suite("Server request bodies")
struct ServerBodyTests {
    @Test func contentLengthBodyIsEchoed() throws {
        let live = try LiveServer()
        let response = try live.exchange("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello")
        #expect(response.status == 200)
        #expect(response.text == "hello")
        #expect(response.header("X-Body-Storage") == "memory")
    }

    @Test func chunkedUploadIsEchoed() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
        try client.send("5\r\nhello\r\n")
        try client.send("7\r\n, world\r\n0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "hello, world")
        #expect(response.header("Content-Length") == "12")
    }

    @Test func expectContinueGetsGoAheadBeforeTheBody() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        try client.send("ping")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "ping")
    }

    @Test func oversizedContentLengthIs413AtOnce() throws {
        let live = try LiveServer()
        let client = try live.connect()
        // Only the head is sent: the answer must not wait for a body.
        try client.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 17\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())
    }

    @Test func oversizedBodyWithExpectContinueGets413InsteadOf100() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n")
        #expect(try client.readResponse().status == 413)
    }

    @Test func oversizedChunkedBodyIs413WhenTheLimitIsCrossed() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
        try client.send("a\r\n0123456789\r\n")
        try client.send("a\r\n0123456789\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(client.isClosedByServer())
    }

    @Test func bodyWithinRouteLimitIsAccepted() throws {
        let live = try LiveServer()
        let response = try live.exchange(
            "POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 16\r\n\r\n0123456789abcdef")
        #expect(response.text == "got 16")
    }

    @Test func defaultLimitAppliesToRoutesWithoutOne() throws {
        var router = TestRoutes.router()
        router.put("/default") { _ in TestRoutes.text("ok") }
        let live = try LiveServer(router: router) { $0.maxBodyBytes = 8 }
        let response = try live.exchange("PUT /default HTTP/1.1\r\nHost: t\r\nContent-Length: 9\r\n\r\n123456789")
        #expect(response.status == 413)
    }

    @Test func largeBodyIsSpooledToAFile() throws {
        let live = try LiveServer { $0.inMemoryBodyThreshold = 1024 }
        let body = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let client = try live.connect()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.count)\r\n\r\n")
        try client.send(body)
        let response = try client.readResponse()
        #expect(response.header("X-Body-Storage") == "file")
        #expect(response.body == body)
    }
}
