import Foundation
import HTTPServer

/// A real server on an ephemeral port serving any responder, for tests that talk to it over a
/// socket exactly as clients do. Shut down when released.
///
/// Shared by every test target so that one client and one harness define what "over the wire"
/// means; a target adds its own routes and defaults in an extension.
public final class LiveServer: Sendable {
    public let server: HTTPServer
    public let port: Int
    /// Everything the server logged (access log and events).
    public let logs = LogCapture()

    /// Starts a server on 127.0.0.1 port 0 with four workers (two for writes) and a short drain; `configure` may
    /// change anything else (timeouts, limits) before it starts.
    public init(
        responder: any HTTPResponder, configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.workerCount = 4
        configuration.writeWorkerCount = 2
        configuration.drainTimeout = .seconds(2)
        configure(&configuration)
        server = HTTPServer(configuration: configuration, responder: responder, logger: logs.logger)
        port = try server.start()
    }

    deinit {
        server.shutdown()
    }

    /// Every line the server logged; the same as `logs.lines`.
    public var logLines: [String] { logs.lines }

    /// A fresh connection. Reads on it give up after `receiveTimeout` seconds.
    public func connect(receiveTimeout: Int = 5) throws -> RawClient {
        try RawClient(port: port, receiveTimeout: receiveTimeout)
    }

    /// Sends `request` exactly as given on a fresh connection and reads one response.
    public func exchange(_ request: String, head: Bool = false) throws -> RawResponse {
        try exchange(Array(request.utf8), head: head)
    }

    /// Sends `bytes` exactly as given on a fresh connection and reads one response.
    public func exchange(_ bytes: [UInt8], head: Bool = false) throws -> RawResponse {
        let client = try connect()
        try client.send(bytes)
        return try client.readResponse(head: head)
    }

    /// One request on a fresh connection, built from parts; adds Host, Content-Length and
    /// Connection: close. The answer must begin within `receiveTimeout` seconds.
    public func request(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [],
        receiveTimeout: Int = 10
    ) throws -> RawResponse {
        let client = try connect(receiveTimeout: receiveTimeout)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try client.send(Array(head.utf8) + body)
        return try client.readResponse(head: method == "HEAD")
    }

    public func get(_ target: String, headers: [(String, String)] = []) throws -> RawResponse {
        try request("GET", target, headers: headers)
    }

    /// Polls until `condition` holds or `timeoutMilliseconds` pass, for state the server reaches
    /// asynchronously (a closed connection being deregistered, an access-log line being
    /// written). Returns whether it held.
    public func eventually(timeoutMilliseconds: Int = 5000, _ condition: () -> Bool) -> Bool {
        for _ in 0..<max(1, timeoutMilliseconds / 10) {
            if condition() { return true }
            pause(milliseconds: 10)
        }
        return condition()
    }

    /// The body of a response parsed as JSON, via Foundation, for assertions.
    public static func json(_ response: RawResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])
    }
}
