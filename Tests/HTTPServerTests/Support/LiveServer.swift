import Dispatch
import Synchronization

@testable import HTTPServer

/// Collects the server's log lines so tests can assert on the access log.
final class LogCapture: Sendable {
    private let captured = Mutex<[String]>([])

    var logger: ServerLogger {
        ServerLogger { [self] line in captured.withLock { $0.append(line) } }
    }

    var lines: [String] { captured.withLock { $0 } }

    /// Access-log lines only (operational events carry `level=`).
    var accessLines: [String] { lines.filter { $0.hasPrefix("method=") } }
}

/// A real server on an ephemeral port, with a test router, for tests that speak raw HTTP to it.
final class LiveServer {
    let server: HTTPServer
    let port: Int
    let logs = LogCapture()

    init(
        router: Router = TestRoutes.router(),
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.workerCount = 4
        configuration.serverName = "TestServer"
        configuration.drainTimeout = .seconds(2)
        configure(&configuration)
        server = HTTPServer(configuration: configuration, responder: router, logger: logs.logger)
        port = try server.start()
    }

    deinit {
        server.shutdown()
    }

    func connect(receiveTimeout: Int = 5) throws -> RawClient {
        try RawClient(port: port, receiveTimeout: receiveTimeout)
    }

    /// One request on a fresh connection.
    func exchange(_ request: String, head: Bool = false) throws -> RawResponse {
        let client = try connect()
        try client.send(request)
        return try client.readResponse(head: head)
    }

    /// Polls until `condition` holds or about five seconds pass; for state the server reaches
    /// asynchronously (a closed connection being deregistered). Returns whether it held.
    func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<500 {
            if condition() { return true }
            usleepMilliseconds(10)
        }
        return condition()
    }
}

func usleepMilliseconds(_ milliseconds: Int) {
    let semaphore = DispatchSemaphore(value: 0)
    _ = semaphore.wait(timeout: .now() + .milliseconds(milliseconds))
}
