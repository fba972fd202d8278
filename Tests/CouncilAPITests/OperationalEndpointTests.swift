import CouncilAPI
import Foundation
import HTTPServer
import HTTPTestSupport
import Repositories
import SQLiteStore
import StoreTestSupport
import Testing

/// What operators and tools see: health, readiness, metrics, HEAD.
@Suite struct OperationalEndpointTests {
    @Test(arguments: TestEngine.allCases) func healthAndReadinessAnswer(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let health = try api.get("/healthz")
        #expect(health.status == 200)
        #expect(try api.object(health)["status"] as? String == "ok")
        let ready = try api.get("/readyz")
        #expect(ready.status == 200)
        #expect(ready.header("Content-Type") == "application/json")
        #expect(try api.object(ready)["status"] as? String == "ready")
    }

    @Test func untilReadyTheDataIsRefusedButHealthAnswers() throws {
        let store = try DataStore.temporary(migrationsDirectory: try DataStore.locateMigrations(explicit: nil))
        let readiness = Readiness(ready: false)
        let application = CouncilAPIApplication(store: store, configuration: APIConfiguration(), readiness: readiness)
        let live = try LiveServer(responder: application.router)

        #expect(try live.get("/healthz").status == 200)
        try expectProblem(try live.get("/readyz"), status: 503, type: "/problems/not-ready")
        let refused = try live.get("/v1/councils")
        try expectProblem(refused, status: 503, type: "/problems/not-ready")
        #expect(refused.header("Retry-After") != nil)

        readiness.markReady()
        #expect(try live.get("/readyz").status == 200)
        #expect(try live.get("/v1/councils").status == 200)
    }

    @Test(arguments: TestEngine.allCases) func metricsCountRequestsByRouteAndStatus(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        for _ in 0..<3 { #expect(try api.get("/v1/councils/knowsley").status == 200) }
        #expect(try api.get("/v1/councils/atlantis").status == 404)
        #expect(try api.get("/v1/complaints?limit=0").status == 400)

        let response = try api.get("/metrics")
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/plain") == true)
        let lines = response.text.split(separator: "\n").map(String.init)
        func count(_ labels: String) -> Int? {
            lines.first { $0.hasPrefix("council_api_http_requests_total{\(labels)} ") }
                .flatMap { $0.split(separator: " ").last.flatMap { Int($0) } }
        }
        #expect(count(#"method="GET",route="/v1/councils/:council",status="200""#) == 3)
        #expect(count(#"method="GET",route="/v1/councils/:council",status="404""#) == 1)
        #expect(count(#"method="GET",route="/v1/complaints",status="400""#) == 1)
        #expect(
            lines.contains {
                $0.hasPrefix("council_api_http_request_duration_seconds_count{route=\"/v1/councils/:council\"}")
            })
        #expect(lines.contains { $0.hasPrefix("council_api_store_revision ") })
    }

    /// HEAD answers GET's status and headers (length and tag included) with no body: the next
    /// response on the same connection starts right after the head.
    @Test(arguments: TestEngine.allCases) func headGivesTheHeadersWithoutTheBody(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let get = try api.get("/v1/councils/knowsley")
        let client = try api.live.connect()
        let port = api.live.port
        try client.send(
            "HEAD /v1/councils/knowsley HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"
                + "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        let head = try client.readResponse(head: true)
        #expect(head.status == 200)
        #expect(head.header("Content-Type") == get.header("Content-Type"))
        #expect(head.header("Content-Length") == String(get.body.count))
        #expect(head.header("ETag") == get.header("ETag"))
        let next = try client.readResponse()
        #expect(next.status == 200)
        #expect(next.text == #"{"status":"ok"}"#)
    }

    @Test(arguments: TestEngine.allCases) func theDocumentIsServedAsJSON(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/openapi.json")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        let document = try api.object(response)
        #expect(document["openapi"] as? String == "3.1.0")
        #expect((document["paths"] as? [String: Any])?["/v1/complaints"] != nil)
    }

    @Test(arguments: TestEngine.allCases) func everyAnswerCarriesARequestID(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        for target in ["/healthz", "/v1/councils", "/v1/councils/atlantis", "/v1/complaints?limit=0"] {
            #expect(try api.get(target).header("X-Request-Id")?.isEmpty == false, "\(target)")
        }
    }
}
