import CouncilAPI
import Foundation
import HTTPTestSupport
import Repositories
import StoreTestSupport
import Testing

/// A browser dashboard on another origin: preflights are answered for allowed origins, simple
/// requests get the headers the browser needs to read the answer, and other origins get nothing.
@Suite struct CORSTests {
    static let dashboard = "https://dashboard.example"

    @Test(arguments: TestEngine.allCases) func aPreflightFromAnAllowedOriginIsAnswered(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine, corsOrigins: [Self.dashboard])
        let response = try api.request(
            "OPTIONS", "/v1/complaints",
            headers: [
                ("Origin", Self.dashboard), ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "authorization, content-type, idempotency-key"),
            ])
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
        #expect(response.header("Access-Control-Allow-Origin") == Self.dashboard)
        let methods = Set(
            try #require(response.header("Access-Control-Allow-Methods")).split(separator: ",").map(trimmed))
        #expect(methods.isSuperset(of: ["GET", "POST", "PUT", "DELETE"]))
        let headers = Set(
            try #require(response.header("Access-Control-Allow-Headers")).split(separator: ",").map(trimmed))
        #expect(
            headers.isSuperset(of: ["Authorization", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match"]))
        let maxAge = try #require(response.header("Access-Control-Max-Age").flatMap { Int($0) })
        #expect(maxAge > 0)
        #expect(response.values("Vary").contains { $0.contains("Origin") })
    }

    @Test(arguments: TestEngine.allCases) func aSimpleRequestGetsTheHeadersTheBrowserNeeds(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine, corsOrigins: [Self.dashboard])
        let response = try api.get("/v1/complaints?limit=1", headers: [("Origin", Self.dashboard)])
        #expect(response.status == 200)
        #expect(response.header("Access-Control-Allow-Origin") == Self.dashboard)
        let exposed = Set(
            try #require(response.header("Access-Control-Expose-Headers")).split(separator: ",").map(trimmed))
        #expect(exposed.isSuperset(of: ["ETag", "Link", "X-Request-Id"]))
        #expect(response.values("Vary").contains { $0.contains("Origin") })
    }

    @Test(arguments: TestEngine.allCases) func problemsAreReadableByTheDashboardToo(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine, corsOrigins: [Self.dashboard])
        let response = try api.get("/v1/councils/atlantis", headers: [("Origin", Self.dashboard)])
        try expectProblem(response, status: 404)
        #expect(response.header("Access-Control-Allow-Origin") == Self.dashboard)
    }

    @Test(arguments: TestEngine.allCases) func anotherOriginGetsNoCORSHeaders(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine, corsOrigins: [Self.dashboard])
        let simple = try api.get("/v1/councils", headers: [("Origin", "https://evil.example")])
        #expect(simple.status == 200)
        #expect(simple.header("Access-Control-Allow-Origin") == nil)
        #expect(simple.header("Access-Control-Expose-Headers") == nil)

        let preflight = try api.request(
            "OPTIONS", "/v1/complaints",
            headers: [("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")])
        #expect(preflight.header("Access-Control-Allow-Origin") == nil)
        #expect(preflight.header("Access-Control-Allow-Methods") == nil)
    }

    @Test(arguments: TestEngine.allCases) func aWildcardConfigurationAllowsAnyOrigin(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine, corsOrigins: ["*"])
        let simple = try api.get("/v1/councils", headers: [("Origin", "https://anywhere.example")])
        #expect(simple.header("Access-Control-Allow-Origin") == "*")
        let preflight = try api.request(
            "OPTIONS", "/v1/councils/knowsley",
            headers: [("Origin", "https://anywhere.example"), ("Access-Control-Request-Method", "GET")])
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Origin") == "*")
    }

    @Test(arguments: TestEngine.allCases) func withoutConfigurationThereIsNoCORS(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/v1/councils", headers: [("Origin", Self.dashboard)])
        #expect(response.header("Access-Control-Allow-Origin") == nil)
        #expect(!response.values("Vary").contains { $0.contains("Origin") })
    }
}

/// A list header's element without the blanks around it.
private func trimmed(_ part: Substring) -> String {
    part.trimmingCharacters(in: .whitespaces)
}

/// Problems the server answers before the head is read whole still carry CORS headers, from the
/// fields read so far, so a browser shows the problem instead of a CORS failure.
@Suite struct CORSOnUnreadHeadsTests {
    static let dashboard = "https://dashboard.example"

    @Test func aHeadWithTooManyFieldsIs431WithTheOriginAllowed() throws {
        let api = try LiveAPI(engine: .sqlite, corsOrigins: [Self.dashboard])
        var head = "GET /v1/councils HTTP/1.1\r\nHost: t\r\nOrigin: \(Self.dashboard)\r\n"
        for index in 0..<150 { head += "X-Filler-\(index): x\r\n" }
        let response = try api.live.exchange(head + "\r\n")
        #expect(response.status == 431)
        #expect(response.header("Access-Control-Allow-Origin") == Self.dashboard)
    }

    @Test func anOverlongRequestLineIs414WithCORSWhenAnyOriginIsAllowed() throws {
        let api = try LiveAPI(engine: .sqlite, corsOrigins: ["*"])
        let target = "/v1/councils?q=" + String(repeating: "a", count: 9_000)
        let response = try api.live.exchange("GET \(target) HTTP/1.1\r\nHost: t\r\nOrigin: \(Self.dashboard)\r\n\r\n")
        #expect(response.status == 414)
        #expect(response.header("Access-Control-Allow-Origin") == "*")
    }

    @Test func aChunkedBodyOverTheLimitIs413WithTheOriginAllowed() throws {
        let api = try LiveAPI(
            engine: .sqlite,
            configuration: APIConfiguration(
                corsOrigins: [Self.dashboard], apiTokens: ["t"], clock: .fixed(DemoDataset.asOf)))
        let chunk = String(repeating: "x", count: 600_000)
        let size = String(chunk.utf8.count, radix: 16)
        let request =
            "POST /v1/complaints HTTP/1.1\r\nHost: t\r\nOrigin: \(Self.dashboard)\r\nAuthorization: Bearer t\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "\(size)\r\n\(chunk)\r\n\(size)\r\n\(chunk)\r\n0\r\n\r\n"
        let response = try api.live.exchange(request)
        #expect(response.status == 413)
        #expect(response.header("Access-Control-Allow-Origin") == Self.dashboard)
    }
}
