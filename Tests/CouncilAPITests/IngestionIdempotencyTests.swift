import Dispatch
import Foundation
import HTTPServer
import HTTPTestSupport
import JSON
import Repositories
import SQLiteStore
import StoreTestSupport
import Synchronization
import Testing

@testable import CouncilAPI

/// `Idempotency-Key` on POST: a retry gets the first answer and writes nothing; the key cannot be
/// reused for another request; two copies at once cannot both write.
@Suite struct IngestionIdempotencyTests {
    static func key(_ value: String) -> [(String, String)] { [("Idempotency-Key", value)] }

    @Test(arguments: TestEngine.allCases) func replayGetsTheSameAnswerAndWritesNothing(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let first = try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint, headers: Self.key("k-1"))
        #expect(first.status == 201)
        #expect(first.header("Idempotent-Replayed") == nil)
        let revision = try api.store.revision()

        let replay = try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint, headers: Self.key("k-1"))
        #expect(replay.status == 201)
        #expect(replay.header("Idempotent-Replayed") == "true")
        #expect(replay.header("Location") == first.header("Location"))
        #expect(replay.header("Content-Type") == "application/json")
        #expect(replay.body == first.body)
        #expect(try api.store.revision() == revision, "a replay must not write")
        #expect(try api.store.idempotency.count() == 1)
    }

    @Test(arguments: TestEngine.allCases) func withoutAKeyARepeatIsAnIdenticalPost(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        #expect(try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint).status == 201)
        let repeated = try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint)
        #expect(repeated.status == 200)
        #expect(repeated.header("Idempotent-Replayed") == nil)
        #expect(try api.store.idempotency.count() == 0)
    }

    @Test(arguments: TestEngine.allCases) func theSameKeyForAnotherRequestIs422(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        #expect(
            try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint, headers: Self.key("k-2")).status
                == 201)
        var other = WriteFixtures.complaint
        other["reference"] = "24 000 001"
        let response = try api.send("POST", "/v1/complaints", object: other, headers: Self.key("k-2"))
        #expect(response.status == 422)
        #expect(try api.object(response)["type"] as? String == "/problems/idempotency-key-reused")
        #expect(try api.errorFields(response) == ["Idempotency-Key"])
        #expect(try api.get("/v1/complaints/24000001").status == 404)
    }

    @Test(arguments: TestEngine.allCases) func theSameKeyOnAnotherPathOrFromAnotherTokenIs422(engine: TestEngine) throws
    {
        let api = try LiveAPI.writable(engine: engine)
        #expect(
            try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint, headers: Self.key("k-3")).status
                == 201)
        let otherToken = try api.send(
            "POST", "/v1/complaints", object: WriteFixtures.complaint, token: LiveAPI.otherWriteToken,
            headers: Self.key("k-3"))
        #expect(otherToken.status == 422)
        let otherPath = try api.send("POST", "/v1/reports", object: WriteFixtures.report, headers: Self.key("k-3"))
        #expect(otherPath.status == 422)
    }

    @Test(arguments: TestEngine.allCases) func refusalsAreNotKeptSoACorrectedRetryWorks(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        var invalid = WriteFixtures.complaint
        invalid["outcome"] = "won"
        #expect(try api.send("POST", "/v1/complaints", object: invalid, headers: Self.key("k-4")).status == 422)
        #expect(try api.store.idempotency.count() == 0)
        let corrected = try api.send(
            "POST", "/v1/complaints", object: WriteFixtures.complaint, headers: Self.key("k-4"))
        #expect(corrected.status == 201)
        #expect(corrected.header("Idempotent-Replayed") == nil)
    }

    @Test(arguments: TestEngine.allCases) func anIdentical200IsKeptAndReplayedToo(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        #expect(try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint).status == 201)
        let keyed = try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint, headers: Self.key("k-5"))
        #expect(keyed.status == 200)
        let replay = try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint, headers: Self.key("k-5"))
        #expect(replay.status == 200)
        #expect(replay.header("Idempotent-Replayed") == "true")
    }

    @Test(
        arguments: TestEngine.allCases,
        ["", String(repeating: "k", count: 256), "with space", "tab\there", "caf\u{e9}"])
    func malformedKeysAre400(engine: TestEngine, _ value: String) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint, headers: Self.key(value))
        #expect(response.status == 400, "\(value.debugDescription)")
        #expect(try api.errorFields(response) == ["Idempotency-Key"])
        #expect(try api.get("/v1/complaints/24123456").status == 404)
    }

    @Test(arguments: TestEngine.allCases) func aKeyOf255VisibleCharactersIsAccepted(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let key = String(repeating: "~", count: 254) + "!"
        #expect(
            try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint, headers: Self.key(key)).status
                == 201)
    }

    @Test(arguments: TestEngine.allCases) func concurrentCopiesOfOneRequestWriteOnce(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let revision = try api.store.revision()
        let copies = 12
        let results = Mutex<[RawResponse]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: copies) { _ in
            do {
                let response = try api.send(
                    "POST", "/v1/complaints", object: WriteFixtures.complaint, headers: Self.key("k-race"))
                results.withLock { $0.append(response) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let responses = results.withLock { $0 }
        #expect(responses.count == copies)
        let processed = responses.filter { $0.status == 201 && $0.header("Idempotent-Replayed") == nil }
        let replayed = responses.filter { $0.status == 201 && $0.header("Idempotent-Replayed") == "true" }
        let busy = responses.filter { $0.status == 409 }
        #expect(processed.count == 1)
        #expect(replayed.count + busy.count == copies - 1)
        for response in busy {
            #expect(response.header("Retry-After") == "1")
            #expect(try api.object(response)["type"] as? String == "/problems/idempotency-conflict")
        }
        #expect(try api.store.revision() == revision + 1, "exactly one write")
    }
}

/// The runner itself, with a handler held mid-write, and a clock that moves.
@Suite struct IngestionWriteRunnerTests {
    static func request(key: String?, body: String = "{}", path target: String = "/v1/things") -> HTTPRequest {
        var headers: HTTPHeaders = ["Host": "example.test", "Authorization": "Bearer t"]
        if let key { headers.set("Idempotency-Key", key) }
        let path = String(target.prefix { $0 != "?" })
        let head = RequestHead(
            method: .post, target: target, version: .http11, headers: headers, path: path,
            pathSegments: path.split(separator: "/").map(String.init), query: [],
            framing: .contentLength(body.utf8.count),
            keepAlive: true, expectsContinue: false)
        return HTTPRequest(head: head, body: body.isEmpty ? .empty : .bytes(Array(body.utf8)), id: "test")
    }

    static func created(_ scope: WriteScope, _ text: String = "{\"ok\":true}") throws -> HTTPResponse {
        try scope.commit { _ in .json(.string(text), status: .created, headers: ["Location": "/v1/things/1"]) }
    }

    func makeStore(_ engine: TestEngine) throws -> DataStore {
        try engine.makeStore(migrationsDirectory: try DataStore.locateMigrations(explicit: nil))
    }

    @Test(arguments: TestEngine.allCases) func aSecondRequestWhileTheFirstIsInFlightIs409ThenGetsTheReplay(
        engine: TestEngine
    ) throws {
        let runner = WriteRunner(store: try makeStore(engine))
        let entered = DispatchSemaphore(value: 0)
        let proceed = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let first = Mutex<HTTPResponse?>(nil)
        DispatchQueue.global().async {
            let response = try? runner.run(Self.request(key: "held")) { scope in
                entered.signal()
                proceed.wait()
                return try Self.created(scope)
            }
            first.withLock { $0 = response }
            finished.signal()
        }
        entered.wait()
        var handlerRan = false
        do {
            _ = try runner.run(Self.request(key: "held")) { scope in
                handlerRan = true
                return try Self.created(scope)
            }
            Issue.record("the second request was not refused")
        } catch let error as HTTPError {
            #expect(error.status == .conflict)
            #expect(error.type == ProblemType.idempotencyConflict.uri)
            #expect(error.headers["Retry-After"] == "1")
        }
        #expect(!handlerRan)
        proceed.signal()
        finished.wait()
        #expect(first.withLock { $0 }?.status == .created)
        #expect(runner.inFlight.count == 0)

        let retry = try runner.run(Self.request(key: "held")) { scope in
            handlerRan = true
            return try Self.created(scope)
        }
        #expect(!handlerRan)
        #expect(retry.status == .created)
        #expect(retry.headers["Idempotent-Replayed"] == "true")
        #expect(retry.headers["Location"] == "/v1/things/1")
    }

    @Test(arguments: TestEngine.allCases) func theKeyIsReleasedWhenTheHandlerFails(engine: TestEngine) throws {
        let runner = WriteRunner(store: try makeStore(engine))
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try runner.run(Self.request(key: "k")) { _ in throw Failure() }
        }
        #expect(runner.inFlight.count == 0)
        #expect(try runner.run(Self.request(key: "k")) { try Self.created($0) }.status == .created)
    }

    @Test(arguments: TestEngine.allCases) func afterTheLifetimeTheKeyMayBeUsedAgain(engine: TestEngine) throws {
        let clock = Atomic<Int64>(1_000)
        let runner = WriteRunner(store: try makeStore(engine), lifetime: 60, now: { clock.load(ordering: .relaxed) })
        _ = try runner.run(Self.request(key: "k", body: "{\"n\":1}")) { try Self.created($0, "first") }
        #expect(throws: HTTPError.self) {
            try runner.run(Self.request(key: "k", body: "{\"n\":2}")) { try Self.created($0, "second") }
        }
        clock.store(1_060, ordering: .relaxed)
        let later = try runner.run(Self.request(key: "k", body: "{\"n\":2}")) { try Self.created($0, "second") }
        #expect(later.headers["Idempotent-Replayed"] == nil)
        #expect(try runner.store.idempotency.count() == 1, "the expired answer was purged by the new save")
    }

    @Test func fingerprintsSeparateEveryPartOfTheRequest() throws {
        let base = try RequestFingerprint.of(Self.request(key: "k", body: "b", path: "/a"))
        #expect(base == (try RequestFingerprint.of(Self.request(key: "other", body: "b", path: "/a"))))
        #expect(base != (try RequestFingerprint.of(Self.request(key: "k", body: "", path: "/ab"))))
        #expect(base != (try RequestFingerprint.of(Self.request(key: "k", body: "c", path: "/a"))))
        #expect(base != (try RequestFingerprint.of(Self.request(key: "k", body: "b", path: "/a?x=1"))))
        var otherToken = Self.request(key: "k", body: "b", path: "/a")
        otherToken.head.headers.set("Authorization", "Bearer u")
        #expect(base != (try RequestFingerprint.of(otherToken)))
    }

    @Test func aSpooledBodyHasTheFingerprintOfTheSameBytesInMemory() throws {
        let text = String(repeating: "{\"reference\": \"24123456\"}\n", count: 10_000)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fingerprint-\(UUID().uuidString)")
            .path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var spooled = Self.request(key: "k", body: "", path: "/v1/complaints/bulk")
        spooled.body = .file(SpooledFile(path: path, byteCount: text.utf8.count))
        let inMemory = Self.request(key: "k", body: text, path: "/v1/complaints/bulk")
        #expect(try RequestFingerprint.of(spooled) == RequestFingerprint.of(inMemory))
    }
}
