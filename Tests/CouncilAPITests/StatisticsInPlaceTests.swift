import CouncilAPI
import Foundation
import HTTPServer
import HTTPTestSupport
import Repositories
import StoreTestSupport
import Testing

/// Council statistics answered on the I/O thread from kept answers (`ResponseCache`): only while
/// the store's revision is known without a query, never after any write (this process's or
/// another's), and with exactly what a worker's answer carries (tag, 304, CORS, caching headers).
@Suite struct StatisticsInPlaceTests {
    static let target = "/v1/councils/knowsley/statistics?year=2024-25"
    static let origin = "https://dashboard.example"

    static func application(_ store: DataStore) -> CouncilAPIApplication {
        CouncilAPIApplication(
            store: store, configuration: APIConfiguration(corsOrigins: [origin], clock: .fixed(DemoDataset.asOf)))
    }

    static func request(
        _ target: String = target, method: HTTPMethod = .get, headers: [(String, String)] = []
    ) throws -> HTTPRequest {
        let parsed = try RequestTarget(target, method: method)
        var fields: HTTPHeaders = ["Host": "example.test"]
        for (name, value) in headers { fields.add(name, value) }
        let head = RequestHead(
            method: method, target: target, version: .http11, headers: fields, path: parsed.path,
            pathSegments: parsed.pathSegments, query: parsed.query, framing: .none, keepAlive: true,
            expectsContinue: false)
        return HTTPRequest(head: head, id: "test")
    }

    static func body(_ response: HTTPResponse) -> [UInt8] {
        if case .bytes(let bytes) = response.body { return bytes }
        return []
    }

    static func fields(_ response: HTTPResponse) -> [String] {
        response.headers.map { "\($0.name): \($0.value)" }
    }

    static func makeStore(_ engine: TestEngine) throws -> DataStore {
        let store = try engine.makeStore(migrationsDirectory: try DataStore.locateMigrations(explicit: nil))
        try store.demo.load()
        return store
    }

    @Test func aKeptAnswerIsTheWorkersAnswerWithTheSameChain() throws {
        let router = Self.application(try Self.makeStore(.sqlite)).router
        for headers in [
            [], [("Origin", Self.origin)], [("Accept", "text/csv"), ("Origin", "https://elsewhere.example")],
        ] {
            let request = try Self.request(headers: headers)
            // Kept by target and Accept: Origin is the middleware's, so only the first two share.
            let keptAlready = headers.first?.0 == "Origin"
            #expect((try router.respondInPlace(to: request) != nil) == keptAlready)
            let worker = try router.respond(to: request)
            #expect(worker.status == .ok)
            let inPlace = try #require(try router.respondInPlace(to: request))
            #expect(inPlace.status == .ok)
            #expect(Self.fields(inPlace) == Self.fields(worker))
            #expect(Self.body(inPlace) == Self.body(worker))
            #expect(inPlace.headers["ETag"] != nil)
            #expect(inPlace.headers["Cache-Control"] == "no-cache")
            #expect(inPlace.headers.values(for: "Vary").contains("Origin"))
            #expect(
                inPlace.headers["Access-Control-Allow-Origin"] == (headers.first?.1 == Self.origin ? Self.origin : nil))
        }
        let csv = try #require(try router.respondInPlace(to: try Self.request(headers: [("Accept", "text/csv")])))
        #expect(csv.headers["Content-Type"]?.hasPrefix("text/csv") == true, "kept per representation")
        let head = try #require(try router.respondInPlace(to: try Self.request(method: .head)))
        #expect(head.status == .ok)
    }

    @Test func ifNoneMatchIsHonouredInPlace() throws {
        let router = Self.application(try Self.makeStore(.sqlite)).router
        let first = try router.respond(to: try Self.request())
        let tag = try #require(first.headers["ETag"])
        let matching = try #require(
            try router.respondInPlace(to: try Self.request(headers: [("If-None-Match", tag), ("Origin", Self.origin)])))
        #expect(matching.status == .notModified)
        #expect(matching.headers["ETag"] == tag)
        #expect(Self.body(matching).isEmpty)
        #expect(matching.headers["Access-Control-Allow-Origin"] == Self.origin)
        let other = try #require(
            try router.respondInPlace(to: try Self.request(headers: [("If-None-Match", "\"1-0000000000000000\"")])))
        #expect(other.status == .ok)
    }

    @Test func aWriteWithdrawsEveryKeptAnswer() throws {
        let store = try Self.makeStore(.sqlite)
        let router = Self.application(store).router
        let before = try router.respond(to: try Self.request())
        let tag = try #require(before.headers["ETag"])
        #expect(try router.respondInPlace(to: try Self.request()) != nil)

        try store.complaints.upsert(try decision("24999001", decided: "2025-03-30"))

        let conditional = try Self.request(headers: [("If-None-Match", tag)])
        #expect(try router.respondInPlace(to: conditional) == nil, "after a write a worker must answer")
        let after = try router.respond(to: conditional)
        #expect(after.status == .ok, "the old tag must not get 304")
        #expect(after.headers["ETag"] != tag)
        #expect(Self.body(after) != Self.body(before))
        let kept = try #require(try router.respondInPlace(to: try Self.request()))
        #expect(Self.body(kept) == Self.body(after), "kept again, at the new revision")
    }

    @Test func aWriteByAnotherProcessOnTheFileWithdrawsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("in-place-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let served = try DataStore.open(.sqliteFile(path: path))
        try served.migrate(migrationsDirectory: try DataStore.locateMigrations(explicit: nil))
        try served.demo.load()
        let router = Self.application(served).router
        let before = try router.respond(to: try Self.request())
        #expect(try router.respondInPlace(to: try Self.request()) != nil)

        let importer = try DataStore.open(.sqliteFile(path: path))
        try importer.complaints.upsert(try decision("24999002", decided: "2025-03-30"))

        #expect(try router.respondInPlace(to: try Self.request()) == nil)
        let after = try router.respond(to: try Self.request())
        #expect(Self.body(after) != Self.body(before))
        #expect(after.headers["ETag"] != before.headers["ETag"])
    }

    @Test func postgreSQLIsNeverAnsweredInPlace() throws {
        let router = Self.application(try Self.makeStore(.postgresql)).router
        #expect(try router.respond(to: try Self.request()).status == .ok)
        #expect(try router.respondInPlace(to: try Self.request()) == nil, "another instance may have written")
    }

    @Test(arguments: TestEngine.allCases) func overASocketAWriteIsSeenAtOnce(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let first = try api.get(Self.target)
        #expect(first.status == 200)
        let tag = try #require(first.header("ETag"))
        let again = try api.get(Self.target, headers: [("X-Request-Id", "again-1")])
        #expect(again.status == 200)
        #expect(again.body == first.body)
        #expect(again.header("ETag") == tag)
        #expect(again.header("X-Request-Id") == "again-1")
        #expect(try api.get(Self.target, headers: [("If-None-Match", tag)]).status == 304)
        let dealtWith = try api.object(first)[path: "complaints.dealt_with"] as? Int

        try api.store.complaints.upsert(try decision("24999003", decided: "2025-03-30"))

        let after = try api.get(Self.target, headers: [("If-None-Match", tag)])
        #expect(after.status == 200)
        #expect(after.header("ETag") != tag)
        #expect(try api.object(after)[path: "complaints.dealt_with"] as? Int == dealtWith.map { $0 + 1 })
        let metrics = try api.get("/metrics").text
        #expect(
            metrics.contains(
                "council_api_http_requests_total{method=\"GET\",route=\"/v1/councils/:council/statistics\",status=\"200\"} 3"
            ))
        #expect(
            metrics.contains(
                "council_api_http_requests_total{method=\"GET\",route=\"/v1/councils/:council/statistics\",status=\"304\"} 1"
            ))
    }
}
