import Dispatch
import Foundation
import HTTPTestSupport
import JSON
import Synchronization

@testable import HTTPServer

/// The routes the live server tests talk to.
enum TestRoutes {
    struct Failure: Error {}

    static func text(_ value: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain"], body: .bytes(Array(value.utf8)))
    }

    /// How the producers of `/stream-big` ended, for tests of backpressure.
    final class StreamOutcomes: Sendable {
        private let outcomes = Mutex<[String]>([])
        func record(_ outcome: String) { outcomes.withLock { $0.append(outcome) } }
        var all: [String] { outcomes.withLock { $0 } }
    }

    /// - Parameters:
    ///   - slowStarted: signalled when `/slow` begins, so a test can act while it runs.
    ///   - streamOutcomes: told whether each `/stream-big` producer finished or saw the client go.
    static func router(slowStarted: DispatchSemaphore? = nil, streamOutcomes: StreamOutcomes? = nil) -> Router {
        var router = Router()
        router.get("/hello") { _ in text("hello, world") }
        router.get("/inline", nonBlocking: true) { request in text("inline \(request.query.first?.value ?? "")") }
        router.get("/inline-stream", nonBlocking: true) { _ in
            HTTPResponse(
                headers: ["Content-Type": "text/plain"],
                body: .stream { writer in
                    for piece in ["in", "line"] { try writer.write(Array(piece.utf8)) }
                })
        }
        router.get("/id") { request in text(request.id) }
        router.get("/councils/:council") { request in text("council=\(request.parameters["council"] ?? "")") }
        router.post("/echo", bodyLimit: 8 * 1024 * 1024) { request in
            var response = HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"])
            switch request.body {
            case .empty:
                response.headers.set("X-Body-Storage", "empty")
            case .bytes(let bytes):
                response.headers.set("X-Body-Storage", "memory")
                response.body = .bytes(bytes)
            case .file(let file):
                response.headers.set("X-Body-Storage", "file")
                let data = try Data(contentsOf: URL(fileURLWithPath: file.path))
                response.body = .bytes(Array(data))
            }
            return response
        }
        router.post("/small", bodyLimit: 16) { request in
            if case .bytes(let bytes) = request.body { return text("got \(bytes.count)") }
            return text("got 0")
        }
        // A JSON endpoint as the API has them: malformed JSON is the client's fault (400), not a crash.
        router.post("/json") { request in
            guard request.headers["Content-Type"]?.lowercased().hasPrefix("application/json") == true else {
                throw HTTPError(.unsupportedMediaType, detail: "Send the body as application/json.")
            }
            var bytes: [UInt8] = []
            if case .bytes(let body) = request.body { bytes = body }
            let value: JSONValue
            do throws(JSONParseError) {
                value = try JSONParser.parse(bytes)
            } catch {
                throw HTTPError(.badRequest, detail: "The body is not valid JSON: \(error.message)")
            }
            return HTTPResponse(headers: ["Content-Type": "application/json"], body: .bytes(value.serialized()))
        }
        router.get("/slow") { _ in
            slowStarted?.signal()
            pause(milliseconds: 500)
            return text("slow done")
        }
        router.get("/stream") { _ in
            HTTPResponse(
                headers: ["Content-Type": "text/plain"],
                body: .stream { writer in
                    for piece in ["one ", "two ", "three"] { try writer.write(Array(piece.utf8)) }
                })
        }
        router.get("/stream-big") { request in
            let chunks = Int(request.query.first { $0.name == "chunks" }?.value ?? "") ?? 64
            return HTTPResponse(
                body: .stream { writer in
                    let block = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
                    do {
                        for _ in 0..<chunks { try writer.write(block) }
                        streamOutcomes?.record("finished")
                    } catch {
                        streamOutcomes?.record(error is ClientDisconnectedError ? "client gone" : "failed")
                        throw error
                    }
                })
        }
        router.get("/invalid") { _ in
            throw HTTPError(
                .unprocessableContent, type: "https://example.test/problems/validation", detail: "The year is invalid.",
                errors: [FieldError(field: "year", message: "must be 2000 or later", line: 3)],
                headers: ["X-Problem": "validation"])
        }
        router.get("/crash") { _ in throw Failure() }
        router.get("/no-content") { _ in HTTPResponse(status: .noContent, body: .bytes(Array("ignored".utf8))) }
        router.get("/injection") { _ in
            HTTPResponse(headers: ["X-Good": "fine", "X-Bad": "a\r\nSet-Cookie: evil=1", "Content-Length": "999"])
        }
        return router
    }
}
