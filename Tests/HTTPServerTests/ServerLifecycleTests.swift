import Dispatch
import Foundation
import Glibc
import HTTPTestSupport
import Testing

@testable import HTTPServer

/// Starting, stopping and draining.
@Suite("Server lifecycle")
struct ServerLifecycleTests {
    @Test func gracefulShutdownFinishesTheRequestInFlight() throws {
        let started = DispatchSemaphore(value: 0)
        let live = try LiveServer(router: TestRoutes.router(slowStarted: started))
        let busy = try live.connect()
        let idle = try live.connect()
        try idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        try busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(started.wait(timeout: .now() + 5) == .success)

        let stopped = DispatchSemaphore(value: 0)
        let server = live.server
        Thread.detachNewThread {
            server.shutdown()
            stopped.signal()
        }
        let response = try busy.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "slow done")
        #expect(response.header("Connection") == "close")
        #expect(busy.isClosedByServer())
        #expect(idle.isClosedByServer())
        #expect(stopped.wait(timeout: .now() + 10) == .success)
        #expect(live.server.stats.openConnections == 0)
        #expect(throws: RawClientError.self) { try live.connect() }
    }

    @Test func drainTimeoutForceClosesStuckRequests() throws {
        let started = DispatchSemaphore(value: 0)
        var router = Router()
        router.get("/stuck") { _ in
            started.signal()
            pause(milliseconds: 3000)
            return TestRoutes.text("late")
        }
        let live = try LiveServer(router: router) { $0.drainTimeout = .milliseconds(200) }
        let client = try live.connect()
        try client.send("GET /stuck HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(started.wait(timeout: .now() + 5) == .success)
        live.server.shutdown()
        #expect(live.server.stats.openConnections == 0)
        #expect(client.isClosedByServer())
    }

    @Test func installedSignalStartsGracefulShutdown() throws {
        let live = try LiveServer()
        live.server.shutdownOnSignals([SIGUSR2])
        // The source registers asynchronously; until then the signal is ignored, so repeat it.
        var stopped = false
        for _ in 0..<50 where !stopped {
            kill(getpid(), SIGUSR2)
            stopped = live.server.waitUntilStopped(timeout: .milliseconds(100))
        }
        #expect(stopped)
        #expect(throws: RawClientError.self) { try live.connect() }
    }

    @Test func startReportsTheBoundPort() throws {
        let live = try LiveServer()
        #expect(live.port > 0)
        #expect(live.server.port == live.port)
    }

    @Test func secondServerOnTheSamePortFailsToStart() throws {
        let live = try LiveServer()
        let other = HTTPServer(
            configuration: ServerConfiguration(host: "127.0.0.1", port: live.port), responder: Router(),
            logger: .silent)
        #expect(throws: ServerStartError.self) { try other.start() }
    }

    @Test func serverStartsOnlyOnce() throws {
        let live = try LiveServer()
        #expect(throws: ServerStartError.self) { try live.server.start() }
    }

    @Test func listensOnIPv6Loopback() throws {
        let server = HTTPServer(
            configuration: ServerConfiguration(host: "::1", port: 0), responder: TestRoutes.router(), logger: .silent)
        let port: Int
        do {
            port = try server.start()
        } catch {
            // No IPv6 on this host; nothing to test.
            return
        }
        defer { server.shutdown() }
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = UInt16(port).bigEndian
        address.sin6_addr = in6addr_loopback
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
            }
        }
        #expect(result == 0)
        #expect(server.stats.openConnections <= 1)
    }

    @Test func waitUntilStoppedReturnsAtOnceWhenNeverStarted() {
        let server = HTTPServer(responder: Router(), logger: .silent)
        server.waitUntilStopped()
        server.shutdown()
    }
}
