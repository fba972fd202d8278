import Dispatch
import HTTPTestSupport
import JSON
import Synchronization
import Testing

@testable import HTTPServer

/// Ordinary exchanges over a real socket: framing, keep-alive, pipelining, headers the server owns.
@Suite("Server exchanges")
struct ServerExchangeTests {
    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let first = try client.readResponse()
        try client.send("GET /councils/bury HTTP/1.1\r\nHost: t\r\n\r\n")
        let second = try client.readResponse()
        #expect(first.status == 200)
        #expect(first.text == "hello, world")
        #expect(first.header("Content-Length") == "12")
        #expect(first.header("Connection") == nil)
        #expect(second.text == "council=bury")
        #expect(live.server.stats.acceptedConnections == 1)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send(
            "GET /councils/a HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /councils/c HTTP/1.1\r\nHost: t\r\n\r\n")
        let bodies = try (0..<3).map { _ in try client.readResponse().text }
        #expect(bodies == ["council=a", "slow done", "council=c"])
    }

    /// Connections on one I/O queue share its read buffer: many connections sending bodies
    /// larger than the buffer at once must each get exactly their own bytes.
    @Test func concurrentBodiesArriveIntact() throws {
        let live = try LiveServer()
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { connection in
            do {
                let client = try live.connect()
                for request in 0..<4 {
                    let seed = UInt8(truncatingIfNeeded: connection * 7 + request * 13 + 1)
                    let body = (0..<40_000).map { UInt8(truncatingIfNeeded: Int(seed) &* 31 &+ $0 / 97) }
                    try client.send(
                        Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
                    let response = try client.readResponse()
                    if response.body != body {
                        failures.withLock { $0.append("connection \(connection) request \(request)") }
                    }
                }
            } catch {
                failures.withLock { $0.append("connection \(connection): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
    }

    /// Requests of non-blocking routes are answered on the I/O queue: a long pipelined run of
    /// them, mixed with a request for a worker, comes back whole and in order (a loop, not a
    /// recursion per request).
    @Test func pipelinedNonBlockingRequestsAreAnsweredInOrder() throws {
        let live = try LiveServer()
        let client = try live.connect(receiveTimeout: 20)
        var batch = ""
        for index in 0..<3000 {
            batch +=
                index == 1500
                ? "GET /councils/mid HTTP/1.1\r\nHost: t\r\n\r\n" : "GET /inline?n=\(index) HTTP/1.1\r\nHost: t\r\n\r\n"
        }
        try client.send(batch)
        for index in 0..<3000 {
            let text = try client.readResponse().text
            #expect(text == (index == 1500 ? "council=mid" : "inline \(index)"))
            if text != (index == 1500 ? "council=mid" : "inline \(index)") { break }
        }
    }

    /// A stream's producer waits for the socket, so even a non-blocking route's stream runs on a worker.
    @Test func aNonBlockingRoutesStreamIsProducedOnAWorker() throws {
        let live = try LiveServer()
        let response = try live.exchange("GET /inline-stream HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(response.text == "inline")
        #expect(response.header("Transfer-Encoding") == "chunked")
    }

    @Test func pipelinedRequestsFollowedByHalfCloseAreAllAnswered() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("GET /councils/a HTTP/1.1\r\nHost: t\r\n\r\nGET /councils/b HTTP/1.1\r\nHost: t\r\n\r\n")
        client.finishSending()
        #expect(try client.readResponse().text == "council=a")
        #expect(try client.readResponse().text == "council=b")
        #expect(client.isClosedByServer())
    }

    @Test func headHasHeadersOfGetButNoBody() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try client.readResponse(head: true)
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "12")
        // The next response must start right away: nothing of a body was sent in between.
        try client.send("GET /councils/x HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().text == "council=x")
    }

    @Test func unknownPathIsProblem404() throws {
        let live = try LiveServer()
        let response = try live.exchange("GET /missing HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(response.status == 404)
        #expect(response.header("Content-Type") == "application/problem+json")
        let problem = try JSONParser.parse(response.body)
        #expect(problem["status"] == .int(404))
        #expect(problem["title"] == .string("Not Found"))
        #expect(problem["type"] == .string("about:blank"))
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let live = try LiveServer()
        let response = try live.exchange("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(response.status == 405)
        #expect(response.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(response.header("Content-Type") == "application/problem+json")
    }

    @Test func optionsIsAnsweredAutomatically() throws {
        let live = try LiveServer()
        let response = try live.exchange("OPTIONS /echo HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(response.status == 204)
        #expect(response.header("Allow") == "POST, OPTIONS")
        #expect(response.header("Content-Length") == nil)
    }

    @Test func noContentCarriesNoBody() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("GET /no-content HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 204)
        #expect(response.header("Content-Length") == nil)
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().text == "hello, world")
    }

    @Test func serverOwnedHeadersArePresent() throws {
        let live = try LiveServer()
        let response = try live.exchange("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(response.header("Server") == "TestServer")
        let date = try #require(response.header("Date"))
        #expect(date.hasSuffix(" GMT") && date.count == 29)
        let id = try #require(response.header("X-Request-Id"))
        #expect(id.count == 32)
    }

    @Test func clientRequestIdIsEchoedAndBadOnesReplaced() throws {
        let live = try LiveServer()
        let good = try live.exchange("GET /id HTTP/1.1\r\nHost: t\r\nX-Request-Id: trace-42\r\n\r\n")
        #expect(good.header("X-Request-Id") == "trace-42")
        #expect(good.text == "trace-42")
        let long = String(repeating: "a", count: 129)
        let bad = try live.exchange("GET /id HTTP/1.1\r\nHost: t\r\nX-Request-Id: \(long)\r\n\r\n")
        #expect(bad.header("X-Request-Id") != long)
        #expect(bad.header("X-Request-Id") == bad.text)
    }

    @Test func handlersCannotSetFramingOrSplitHeaders() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("GET /injection HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.header("X-Good") == "fine")
        #expect(response.header("X-Bad") == nil)
        #expect(response.header("Set-Cookie") == nil)
        #expect(response.values("Content-Length") == ["0"])
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().text == "hello, world")
    }

    @Test func httpErrorBecomesItsProblem() throws {
        let live = try LiveServer()
        let response = try live.exchange("GET /invalid HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(response.status == 422)
        #expect(response.header("X-Problem") == "validation")
        let problem = try JSONParser.parse(response.body)
        #expect(problem["type"] == .string("https://example.test/problems/validation"))
        #expect(problem["detail"] == .string("The year is invalid."))
        #expect(
            problem["errors"]
                == .array([.object(["field": "year", "message": "must be 2000 or later", "line": 3])]))
    }

    @Test func otherErrorsBecomeGeneric500AndAreLogged() throws {
        let live = try LiveServer()
        let response = try live.exchange("GET /crash HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(response.status == 500)
        let problem = try JSONParser.parse(response.body)
        #expect(problem["status"] == .int(500))
        #expect(!response.text.contains("Failure"))
        #expect(
            live.eventually { live.logs.lines.contains { $0.contains("handler failed") && $0.contains("Failure") } })
    }

    @Test func streamingResponseUsesChunkedFraming() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("GET /stream HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.header("Transfer-Encoding") == "chunked")
        #expect(response.header("Content-Length") == nil)
        #expect(response.chunkSizes == [4, 4, 5])
        #expect(response.text == "one two three")
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().text == "hello, world")
    }

    @Test func streamingToHTTP10IsCloseDelimited() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("GET /stream HTTP/1.0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.header("Transfer-Encoding") == nil)
        #expect(response.header("Connection") == "close")
        #expect(response.text == "one two three")
    }

    @Test func largeStreamArrivesWhole() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("GET /stream-big?chunks=64 HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.body.count == 64 * 64 * 1024)
        #expect(response.body.allSatisfy { $0 == UInt8(ascii: "x") })
    }

    @Test func http10ClosesUnlessKeepAliveAsked() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("GET /hello HTTP/1.0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())

        let kept = try live.connect()
        try kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try kept.readResponse().header("Connection") == "keep-alive")
        try kept.send("GET /councils/z HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try kept.readResponse().text == "council=z")
    }

    @Test func connectionCloseIsHonoured() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        #expect(try client.readResponse().header("Connection") == "close")
        #expect(client.isClosedByServer())
    }

    @Test func accessLogHasOneLogfmtLinePerRequest() throws {
        let live = try LiveServer()
        _ = try live.exchange("GET /hello?x=1 HTTP/1.1\r\nHost: t\r\nX-Request-Id: abc-1\r\n\r\n")
        #expect(live.eventually { live.logs.accessLines.count == 1 })
        let line = try #require(live.logs.accessLines.first)
        #expect(line.hasPrefix("ts="))
        #expect(line.contains(" level=info msg=access method=GET path=/hello status=200 bytes=12 duration_ms="))
        #expect(line.contains(" request_id=abc-1 remote=127.0.0.1:"))
    }
}
