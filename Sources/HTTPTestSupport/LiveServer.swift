import Dispatch
import Foundation
import HTTPServer
import Synchronization

/// A real server on an ephemeral port serving any responder, for tests that talk to it over a
/// socket exactly as clients do. Shut down when released.
public final class LiveServer: Sendable {
    public let server: HTTPServer
    public let port: Int
    private let captured = LineCollector()

    public init(
        responder: any HTTPResponder, configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.workerCount = 4
        configuration.drainTimeout = .seconds(2)
        configure(&configuration)
        let captured = self.captured
        server = HTTPServer(
            configuration: configuration, responder: responder,
            logger: ServerLogger { line in captured.append(line) })
        port = try server.start()
    }

    deinit {
        server.shutdown()
    }

    /// Every line the server logged (access log and events).
    public var logLines: [String] { captured.lines }

    public func connect(receiveTimeout: Int = 10) throws -> RawClient {
        try RawClient(port: port, receiveTimeout: receiveTimeout)
    }

    /// One request on a fresh connection, built from parts; adds Host, Content-Length and
    /// Connection: close.
    public func request(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) throws -> RawResponse {
        let client = try connect()
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

    /// The body of a response parsed as JSON, via Foundation, for assertions.
    public static func json(_ response: RawResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])
    }
}

/// Log lines collected from the server's worker and I/O threads.
final class LineCollector: Sendable {
    private let storage = Mutex<[String]>([])

    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var lines: [String] { storage.withLock { $0 } }
}
