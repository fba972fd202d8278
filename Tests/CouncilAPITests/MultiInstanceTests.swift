import CouncilAPI
import Dispatch
import Domain
import Foundation
import HTTPTestSupport
import Repositories
import StoreTestSupport
import Synchronization
import Testing

/// Two instances of the API on one PostgreSQL database, each with its own connections, caches
/// and in-process state, as behind a load balancer: what one instance writes, the other must
/// see at once, and what both are sent at once must be written once.
@Suite struct MultiInstanceTests {
    static let token = "multi-instance-token"

    /// Two live servers over one freshly migrated PostgreSQL schema holding the demo data.
    private func pair() throws -> (LiveAPI, LiveAPI) {
        let configuration = APIConfiguration(apiTokens: [Self.token], clock: .fixed(DemoDataset.asOf))
        let first = try LiveAPI(engine: .postgresql, configuration: configuration)
        let other = try #require(first.store.anotherInstance())
        return (first, try LiveAPI(store: other, configuration: configuration))
    }

    private func post(
        _ api: LiveAPI, _ target: String, _ body: String, contentType: String = "application/json",
        key: String? = nil
    ) throws -> RawResponse {
        var headers = [("Authorization", "Bearer \(Self.token)"), ("Content-Type", contentType)]
        if let key { headers.append(("Idempotency-Key", key)) }
        return try api.live.request("POST", target, headers: headers, body: Array(body.utf8), receiveTimeout: 60)
    }

    private static func complaint(_ reference: String) -> String {
        #"{"reference": "\#(reference)", "council": "knowsley", "decided": "2024-06-30", "category": "Adult care services", "outcome": "upheld", "compliance": "complied"}"#
    }

    @Test func aWriteThroughOneInstanceIsServedAtOnceByTheOther() throws {
        let (a, b) = try pair()
        let statistics = "/v1/councils/knowsley/statistics?year=2024-25"
        for serial in 1...5 {
            let before = try b.get(statistics)
            let oldTag = try #require(before.header("ETag"))
            let upheld = try #require(try b.object(before)[path: "upheld.count"] as? Int)

            let reference = "24 777 00\(serial)"
            #expect(try post(a, "/v1/complaints", Self.complaint(reference)).status == 201)

            #expect(try b.get("/v1/complaints/\(reference.replacingOccurrences(of: " ", with: ""))").status == 200)
            let after = try b.get(statistics)
            #expect(try b.object(after)[path: "upheld.count"] as? Int == upheld + 1)
            #expect(after.header("ETag") != oldTag)
            let revalidated = try b.get(statistics, headers: [("If-None-Match", oldTag)])
            #expect(revalidated.status == 200, "an ETag older than the last write must not get 304")
        }
        #expect(try a.store.revision() == b.store.revision())
    }

    @Test func theSameIdempotencyKeySentToBothInstancesAtOnceWritesOnce() throws {
        let (a, b) = try pair()
        for round in 1...8 {
            let reference = "24 778 00\(round)"
            let key = "race-\(round)-\(UUID().uuidString)"
            let revision = try a.store.revision()
            let answers = Mutex<[RawResponse?]>([nil, nil])
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let response = try? post(index == 0 ? a : b, "/v1/complaints", Self.complaint(reference), key: key)
                answers.withLock { $0[index] = response }
            }
            let both = answers.withLock { $0 }.compactMap { $0 }
            #expect(both.count == 2)
            let fresh = both.filter { $0.status == 201 && $0.header("Idempotent-Replayed") == nil }
            #expect(fresh.count == 1, "exactly one request writes: \(both.map(\.status))")
            for other in both where !(other.status == 201 && other.header("Idempotent-Replayed") == nil) {
                let isReplay = other.status == 201 && other.header("Idempotent-Replayed") == "true"
                #expect(isReplay || other.status == 409, "the other is a replay or in progress: \(other.text)")
                if isReplay { #expect(other.body == fresh.first?.body) }
            }
            #expect(try a.store.revision() == revision + 1, "one write, one revision")
        }
    }

    @Test func bothInstancesUpsertingTheSameRecordsAtOnceCountCorrectly() throws {
        let (a, b) = try pair()
        let lines = (0..<1_500).map { serial in
            let digits = String(600_000 + serial)
            return
                #"{"reference":"24 \#(digits.prefix(3)) \#(digits.suffix(3))","council":"knowsley","decided":"2024-09-02","category":"Housing","outcome":"not_upheld"}"#
        }
        let body = lines.joined(separator: "\n")
        let answers = Mutex<[RawResponse?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let response = try? post(
                index == 0 ? a : b, "/v1/complaints/bulk", body, contentType: "application/x-ndjson")
            answers.withLock { $0[index] = response }
        }
        let both = answers.withLock { $0 }.compactMap { $0 }
        #expect(both.map(\.status) == [200, 200], "\(both.map(\.text))")
        let counts = try both.map { try a.object($0) }
        let created = counts.compactMap { $0["created"] as? Int }.reduce(0, +)
        let unchanged = counts.compactMap { $0["unchanged"] as? Int }.reduce(0, +)
        #expect(created == lines.count, "each record created once, by one of the two")
        #expect(unchanged == lines.count, "and found unchanged by the other")
    }

    @Test func aRevisionWrittenByOneInstanceIsTheOthersAtOnce() throws {
        let (a, b) = try pair()
        let before = try b.store.revision()
        #expect(try post(a, "/v1/complaints", Self.complaint("24 779 001")).status == 201)
        #expect(try b.store.revision() == before + 1)
    }

    @Test func instancesStartingAtOnceOnAnEmptyDatabaseMigrateItOnce() throws {
        guard let url = TestEngine.postgresURL else {
            try Test.cancel("PostgreSQL half: set TEST_DATABASE_URL to run it")
        }
        let migrations = try DataStore.locateMigrations(explicit: nil)
        let first = try DataStore.temporaryPostgres(url: url, migrationsDirectory: migrations, migrate: false)
        let instances = [first] + (0..<3).compactMap { _ in first.anotherInstance() }
        #expect(instances.count == 4)
        let applied = Mutex<[[String]]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: instances.count) { index in
            do {
                let files = try instances[index].migrate(migrationsDirectory: migrations)
                applied.withLock { $0.append(files) }
            } catch {
                failures.withLock { $0.append(String(describing: error)) }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        let runs = applied.withLock { $0 }
        #expect(
            runs.filter { !$0.isEmpty } == [["0001_initial.sql", "0002_idempotency.sql", "0003_identity_rules.sql"]],
            "\(runs)")
        #expect(runs.count == instances.count)
        #expect(try first.councils.list(page: PageRequest(limit: 5)).items.isEmpty)
    }
}
