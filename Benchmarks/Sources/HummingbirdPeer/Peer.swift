import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// hummingbird-peer [--port N] [--database FILE]: the Hummingbird 2 server that the benchmark
/// scripts measure council-api against. Hummingbird's defaults throughout (HTTP/1.1 on the
/// singleton event loop group, one loop per core, no request logging); the statistics route
/// runs its blocking SQLite work on NIO's singleton thread pool, as Hummingbird advises for
/// blocking calls, with a pooled read-only connection per request in flight.
@main
struct HummingbirdPeer {
    static func main() async throws {
        var port = 0
        var database: String?
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--port":
                guard let value = arguments.popFirst().flatMap({ Int($0) }) else { usage("--port needs a number") }
                port = value
            case "--database":
                guard let value = arguments.popFirst() else { usage("--database needs a file") }
                database = value
            default:
                usage("unknown argument \(argument)")
            }
        }

        let router = Router()
        let healthy = ByteBuffer(string: #"{"status":"ok"}"#)
        router.get("/healthz") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: healthy))
        }
        if let database {
            let pool = SQLitePool(path: database)
            router.get("/v1/councils/:council/statistics") { request, context -> Response in
                let council = try context.parameters.require("council")
                guard let year = request.uri.queryParameters.get("year"),
                    let bounds = CouncilStatistics.bounds(of: year)
                else { throw HTTPError(.badRequest, message: "year must look like 2024-25") }
                let json = try await NIOThreadPool.singleton.runIfActive {
                    try pool.withConnection {
                        try CouncilStatistics.answer(council: council, year: year, bounds: bounds, on: $0)
                    }
                }
                guard let json else { throw HTTPError(.notFound, message: "no council \(council)") }
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: json)))
            }
        }

        let requestedPort = port
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                let line = "listening on http://127.0.0.1:\(channel.localAddress?.port ?? requestedPort)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        )
        try await app.runService()
    }

    static func usage(_ problem: String) -> Never {
        FileHandle.standardError.write(
            Data("hummingbird-peer: \(problem)\nusage: hummingbird-peer [--port N] [--database FILE]\n".utf8))
        exit(2)
    }
}
