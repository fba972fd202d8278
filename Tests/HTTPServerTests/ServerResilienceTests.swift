import Foundation
import Glibc
import HTTPTestSupport
import JSON
import Testing

@testable import HTTPServer

/// Hostile and broken clients: malformed input, slow clients, too many connections.
@Suite("Server resilience")
struct ServerResilienceTests {
    @Test func parseErrorIsProblemThenCloseAndServerCarriesOn() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.header("Connection") == "close")
        let problem = try JSONParser.parse(response.body)
        #expect(problem["status"] == .int(400))
        #expect(problem["detail"] != nil)
        #expect(client.isClosedByServer())

        let next = try live.exchange("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(next.text == "hello, world")
    }

    @Test func garbageAfterAGoodRequestIsAnsweredAfterIt() throws {
        let live = try LiveServer()
        let client = try live.connect()
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n\u{1}\u{2}garbage\r\n\r\n")
        #expect(try client.readResponse().text == "hello, world")
        #expect(try client.readResponse().status == 400)
        #expect(client.isClosedByServer())
    }

    @Test func unknownMethodIs501() throws {
        let live = try LiveServer()
        let response = try live.exchange("BREW /pot HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(response.status == 501)
    }

    @Test func slowHeadersHitTheHeaderTimeout() throws {
        let live = try LiveServer { $0.headerTimeout = .seconds(1) }
        let client = try live.connect(receiveTimeout: 10)
        try client.send("GET /hello HTTP/1.1\r\n")
        // Dribble header lines more slowly than the deadline allows.
        var closed = false
        for index in 0..<6 {
            pause(milliseconds: 300)
            do {
                try client.send("X-Drip-\(index): y\r\n")
            } catch {
                closed = true
                break
            }
        }
        let rest = try client.readUntilClosed()
        let text = String(decoding: rest, as: UTF8.self)
        #expect(closed || text.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        #expect(live.eventually { live.server.stats.openConnections == 0 })
    }

    @Test func silentNewConnectionIsClosedAtTheHeaderTimeoutWithoutAResponse() throws {
        let live = try LiveServer {
            $0.headerTimeout = .milliseconds(300)
            $0.idleTimeout = .seconds(60)
        }
        let client = try live.connect()
        #expect(try client.readUntilClosed().isEmpty)
        #expect(live.eventually { live.server.stats.openConnections == 0 })
    }

    @Test func firstRequestHeadIsDueWithinTheHeaderTimeoutOfTheAccept() throws {
        let live = try LiveServer {
            $0.headerTimeout = .seconds(2)
            $0.idleTimeout = .seconds(60)
        }
        let client = try live.connect(receiveTimeout: 10)
        // Silent for most of the deadline, then a head that would be in time if the clock
        // started at its first byte.
        pause(milliseconds: 1500)
        try client.send("GET /hello HTTP/1.1\r\n")
        pause(milliseconds: 1000)
        try? client.send("Host: t\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(client.isClosedByServer())
    }

    @Test func keptAliveConnectionWaitsTheIdleTimeoutNotTheHeaderTimeout() throws {
        let live = try LiveServer {
            $0.headerTimeout = .milliseconds(300)
            $0.idleTimeout = .seconds(60)
        }
        let client = try live.connect()
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        pause(milliseconds: 900)
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().status == 200)
    }

    @Test func slowBodyHitsTheBodyTimeoutWith408() throws {
        let live = try LiveServer { $0.bodyTimeout = .milliseconds(500) }
        let client = try live.connect()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(client.isClosedByServer())
    }

    @Test func aSlowButSteadyBodyIsNotCutOffWhileAStallIs() throws {
        let live = try LiveServer { $0.bodyTimeout = .milliseconds(400) }
        let client = try live.connect()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 8\r\n\r\n")
        // Eight bytes over about 1.6 s, four times the body timeout, never 400 ms apart.
        for byte in "abcdefgh" {
            pause(milliseconds: 200)
            try client.send(String(byte))
        }
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "abcdefgh")
    }

    @Test func bodiesBeyondTheSpoolBudgetAre503WithRetryAfter() throws {
        let live = try LiveServer {
            $0.inMemoryBodyThreshold = 1_000
            $0.maxSpoolBytes = 50_000
        }
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 200_000)
        let refused = try live.request("POST", "/echo", body: body)
        #expect(refused.status == 503)
        #expect(refused.header("Retry-After") == "5")
        #expect(refused.header("Content-Type") == "application/problem+json")
        let fits = try live.request("POST", "/echo", body: [UInt8](repeating: UInt8(ascii: "y"), count: 20_000))
        #expect(fits.status == 200, "the refused body gave its bytes back")
    }

    @Test func connectionsBeyondTheCapGet503AndAreClosed() throws {
        let live = try LiveServer { $0.maxConnections = 2 }
        let first = try live.connect()
        let second = try live.connect()
        for client in [first, second] {
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
        let third = try live.connect()
        let response = try third.readResponse()
        #expect(response.status == 503)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.header("Connection") == "close")
        #expect(third.isClosedByServer())
        #expect(live.server.stats.rejectedConnections == 1)
        #expect(live.server.stats.openConnections == 2)
        // The admitted connections are unaffected.
        try first.send("GET /councils/still HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try first.readResponse().text == "council=still")
    }

    @Test func clientThatNeverReadsIsDroppedAfterTheWriteTimeout() throws {
        let outcomes = TestRoutes.StreamOutcomes()
        let live = try LiveServer(router: TestRoutes.router(streamOutcomes: outcomes)) {
            $0.writeTimeout = .milliseconds(500)
        }
        let client = try live.connect()
        var size: Int32 = 4096
        _ = setsockopt(client.fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        try client.send("GET /stream-big?chunks=512 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(live.eventually { live.server.stats.openConnections == 0 })
        // 32 MiB cannot fit in socket buffers: a producer that was not held back by backpressure
        // would have finished; this one must have been blocked, then told the client is gone.
        #expect(live.eventually { outcomes.all == ["client gone"] })
        #expect(live.eventually { live.logs.lines.contains { $0.contains("method=GET path=/stream-big") } })
    }

    @Test func clientGoneMidRequestLeavesServerHealthy() throws {
        let live = try LiveServer()
        do {
            let client = try live.connect()
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\npartial")
        }
        #expect(live.eventually { live.server.stats.openConnections == 0 })
        #expect(try live.exchange("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n").status == 200)
    }

    @Test func manyOpenConnectionsDoNotMeanManyThreads() throws {
        let live = try LiveServer { $0.workerCount = 4 }
        var clients: [RawClient] = []
        for index in 0..<400 {
            let client = try live.connect()
            try client.send("GET /councils/c\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
            clients.append(client)
        }
        for (index, client) in clients.enumerated() {
            #expect(try client.readResponse().text == "council=c\(index)")
        }
        #expect(live.server.stats.openConnections == 400)
        let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count
        #expect(threads < 200, "\(threads) threads for 400 open connections")
    }

    @Test func statsCountAcceptedAndServed() throws {
        let live = try LiveServer()
        for _ in 0..<3 { _ = try live.exchange("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n") }
        #expect(live.server.stats.acceptedConnections == 3)
        #expect(live.eventually { live.server.stats.requestsServed == 3 })
    }
}
