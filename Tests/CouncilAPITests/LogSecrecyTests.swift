import Foundation
import HTTPTestSupport
import Testing

/// The real binary, as an operator runs it: what it writes (standard output and standard error)
/// never holds a bearer token, a request body or a database password, and every line is a record
/// with `ts=` and `level=`.
@Suite struct LogSecrecyTests {
    static let token = "tok-SECRET-4f1d9a"
    static let bodyMarker = "BODY-MARKER-77c2e"
    static let password = "pw-SECRET-0b3e"

    /// Runs `council-api ARGUMENTS` with `environment` added; output goes to `output`.
    static func start(_ arguments: [String], environment: [String: String], output: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try HealthcheckCommandTests.binary())
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    static func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    @Test func noTokenPasswordOrBodyIsEverLogged() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("log-secrecy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let serverLog = folder.appendingPathComponent("serve.log")
        let server = try Self.start(
            ["serve", "--demo", "--port", "0", "--log-level", "debug"],
            environment: ["API_TOKENS": Self.token, "TMPDIR": folder.path], output: serverLog)
        defer { if server.isRunning { server.terminate() } }
        var port: Int?
        for _ in 0..<300 where port == nil {
            if let range = Self.text(serverLog).range(
                of: #"listening on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression)
            {
                port = Int(Self.text(serverLog)[range].split(separator: ":").last ?? "")
            } else {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        let bound = try #require(port, "the server printed its start record")
        for _ in 0..<100 {
            let client = try RawClient(port: bound)
            try client.send("GET /readyz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            if try client.readResponse().status == 200 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        // Three pipelined requests answered in place on an event loop, whose access lines the loop
        // writes out together: each must still be a whole record of its own.
        let pipelined = try RawClient(port: bound)
        try pipelined.send(
            String(repeating: "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", count: 2)
                + "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        for _ in 0..<3 { #expect(try pipelined.readResponse().status == 200) }
        let body = #"{"reference": "\#(Self.bodyMarker)", "council": "knowsley"}"#
        for authorization in ["Bearer \(Self.token)", "Bearer \(Self.token)-wrong"] {
            let client = try RawClient(port: bound)
            try client.send(
                "POST /v1/complaints?note=\(Self.bodyMarker) HTTP/1.1\r\nHost: t\r\nAuthorization: \(authorization)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
                    + body)
            #expect([401, 422].contains(try client.readResponse().status))
        }
        server.terminate()
        server.waitUntilExit()

        let migrateLog = folder.appendingPathComponent("migrate.log")
        let migrate = try Self.start(
            ["migrate"], environment: ["DATABASE_URL": "postgresql://council:\(Self.password)@127.0.0.1:1/council"],
            output: migrateLog)
        migrate.waitUntilExit()
        #expect(migrate.terminationStatus == 1, "an unreachable database stops migrate")

        let logged = Self.text(serverLog) + Self.text(migrateLog)
        #expect(logged.contains("msg=access method=POST path=/v1/complaints status=422"), "the access line is there")
        #expect(
            logged.components(separatedBy: "msg=access method=GET path=/healthz status=200").count - 1 == 3,
            "each pipelined request has its access line")
        #expect(logged.contains("council:***@127.0.0.1:1"), "the database is named, masked")
        for secret in [Self.token, Self.bodyMarker, Self.password] {
            #expect(!logged.contains(secret), "\(secret) was logged")
        }
        let lines = logged.split(separator: "\n")
        #expect(lines.count > 5)
        for line in lines {
            #expect(line.hasPrefix("ts=") && line.contains(" level="), "not a record: \(line)")
        }
    }
}
