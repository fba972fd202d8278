import CouncilAPI
import HTTPTestSupport
import Repositories
import Testing

/// The API over a PostgreSQL server that cannot be reached (nothing listens on port 1): what a
/// client sees while the database is down, before the first start or during an outage. No
/// PostgreSQL server is needed, so these run in every `swift test`.
@Suite struct DatabaseUnavailableTests {
    static let unreachable = "postgresql://council:s3cret-password@127.0.0.1:1/council"

    private func api(ready: Bool) throws -> LiveServer {
        let store = try DataStore.open(.postgresql(url: Self.unreachable), poolSize: 2)
        let application = CouncilAPIApplication(
            store: store, configuration: APIConfiguration(apiTokens: ["t"]), readiness: Readiness(ready: ready))
        return try LiveServer(responder: application.router)
    }

    @Test func beforeTheFirstMigrationTheAPIAndReadinessAnswer503WithRetryAfter() throws {
        let server = try api(ready: false)
        #expect(try server.get("/healthz").status == 200)
        for target in ["/readyz", "/v1/councils", "/v1/councils/knowsley/statistics"] {
            let response = try server.get(target)
            #expect(response.status == 503, "\(target)")
            #expect(response.header("Content-Type") == "application/problem+json", "\(target)")
            #expect(response.header("Retry-After") == "1", "\(target)")
        }
    }

    @Test func duringAnOutageReadsAndWritesAre503DatabaseUnavailable() throws {
        let server = try api(ready: true)
        let requests: [(String, String, [(String, String)], String)] = [
            ("GET", "/v1/councils", [], ""),
            ("GET", "/v1/councils/knowsley/statistics?year=2024-25", [], ""),
            ("GET", "/readyz", [], ""),
            (
                "POST", "/v1/complaints", [("Authorization", "Bearer t"), ("Content-Type", "application/json")],
                #"{"reference": "24 123 456", "council": "knowsley", "decided": "2024-06-30", "category": "Housing", "outcome": "not_upheld"}"#
            ),
        ]
        for (method, target, headers, body) in requests {
            let response = try server.request(method, target, headers: headers, body: Array(body.utf8))
            #expect(response.status == 503, "\(method) \(target): \(response.text)")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.header("Retry-After") == "1")
            #expect(response.text.contains("/problems/database-unavailable"), "\(response.text)")
            #expect(!response.text.contains("s3cret-password"), "no answer shows the password")
        }
        #expect(!server.logLines.joined().contains("s3cret-password"), "no log line shows the password")
    }

    @Test func aDatabaseURLIsNamedWithItsPasswordMasked() throws {
        let location = try StoreLocation(Self.unreachable)
        #expect(location.description == "postgresql://council:***@127.0.0.1:1/council")
        #expect(location.engineName == "PostgreSQL")
        #expect(
            StoreLocation.redacting("postgres://u:p%40ss@h/db?sslmode=require&password=x")
                == "postgres://u:***@h/db?sslmode=require&password=***")
        #expect(try StoreLocation("./data/a.sqlite") == .sqliteFile(path: "./data/a.sqlite"))
        #expect(throws: StoreOpeningError.self) { try StoreLocation("mysql://h/db") }
    }
}
