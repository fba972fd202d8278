import Domain
import SQLCore
import SQLiteStore
import StoreTestSupport
import Testing

@testable import Repositories

/// The idempotency table and the write transaction that saves answers with the data they report.
@Suite struct IdempotencyRepositoryTests {
    struct Abandoned: Error {}

    func answer(_ key: String, createdAt: Int64 = 1_000, lifetime: Int64 = 86_400, body: String = "{}")
        -> IdempotentResponse
    {
        IdempotentResponse(
            key: key, fingerprint: String(repeating: "ab", count: 32), status: 201,
            contentType: "application/json", location: "/v1/complaints/23%20008%20737", body: Array(body.utf8),
            createdAt: createdAt, expiresAt: createdAt + lifetime)
    }

    @Test(arguments: TestEngine.allCases) func answerCommitsWithTheDataItReports(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        let decision = try complaint("23008737", decided: "2024-06-30")
        let revision = try store.revision()
        let outcome = try store.write { transaction in
            let outcome = try transaction.upsert(decision)
            try transaction.saveIdempotentResponse(answer("k1", body: "{\"a\":1}"))
            return outcome
        }
        #expect(outcome == .created)
        #expect(try store.revision() == revision + 1)
        #expect(try store.complaints.complaint(decision.reference) == decision)
        let kept = try #require(try store.idempotency.response(forKey: "k1", now: 2_000))
        #expect(kept == answer("k1", body: "{\"a\":1}"))
    }

    @Test(arguments: TestEngine.allCases) func aFailedWriteKeepsNeitherTheDataNorTheAnswer(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        let decision = try complaint("23008737", decided: "2024-06-30")
        #expect(throws: Abandoned.self) {
            try store.write { transaction in
                try transaction.upsert(decision)
                try transaction.saveIdempotentResponse(answer("k1"))
                throw Abandoned()
            }
        }
        #expect(try store.complaints.complaint(decision.reference) == nil)
        #expect(try store.idempotency.response(forKey: "k1", now: 2_000) == nil)
        #expect(try store.idempotency.count() == 0)
    }

    @Test(arguments: TestEngine.allCases) func aWriteRefusedByTheStoreKeepsNoAnswer(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        let orphan = try complaint("23008737", council: "nowhere", decided: "2024-06-30")
        #expect(throws: RepositoryError.unknownCouncil("nowhere")) {
            try store.write { transaction in
                try transaction.saveIdempotentResponse(answer("k1"))
                try transaction.upsert(orphan)
            }
        }
        #expect(try store.idempotency.count() == 0)
    }

    @Test(arguments: TestEngine.allCases) func expiredAnswersAreNotReturnedAndArePurgedByTheNextSave(engine: TestEngine)
        throws
    {
        let store = try makeStore(engine)
        try store.write { try $0.saveIdempotentResponse(answer("old", createdAt: 1_000, lifetime: 100)) }
        #expect(try store.idempotency.response(forKey: "old", now: 1_099) != nil)
        #expect(try store.idempotency.response(forKey: "old", now: 1_100) == nil)
        #expect(try store.idempotency.count() == 1)
        try store.write { try $0.saveIdempotentResponse(answer("new", createdAt: 1_200)) }
        #expect(try store.idempotency.count() == 1)
        #expect(try store.idempotency.response(forKey: "new", now: 1_300) != nil)
    }

    @Test(arguments: TestEngine.allCases) func anExpiredKeyCanBeUsedAgain(engine: TestEngine) throws {
        let store = try makeStore(engine)
        try store.write { try $0.saveIdempotentResponse(answer("k", createdAt: 1_000, lifetime: 100, body: "first")) }
        try store.write { try $0.saveIdempotentResponse(answer("k", createdAt: 5_000, body: "second")) }
        let kept = try #require(try store.idempotency.response(forKey: "k", now: 5_001))
        #expect(kept.body == Array("second".utf8))
    }

    @Test(arguments: TestEngine.allCases) func anUnexpiredKeyCannotBeSavedTwice(engine: TestEngine) throws {
        let store = try makeStore(engine)
        try store.write { try $0.saveIdempotentResponse(answer("k")) }
        #expect(throws: (any Error).self) {
            try store.write { try $0.saveIdempotentResponse(answer("k", createdAt: 1_001)) }
        }
        #expect(try store.idempotency.response(forKey: "k", now: 1_002)?.createdAt == 1_000)
    }

    @Test(arguments: TestEngine.allCases) func purgeRemovesOnlyWhatHasExpired(engine: TestEngine) throws {
        let store = try makeStore(engine)
        try store.write { transaction in
            try transaction.saveIdempotentResponse(answer("a", createdAt: 1_000, lifetime: 10))
            try transaction.saveIdempotentResponse(answer("b", createdAt: 1_000, lifetime: 1_000))
        }
        #expect(try store.idempotency.purgeExpired(now: 1_500) == 1)
        #expect(try store.idempotency.response(forKey: "b", now: 1_500) != nil)
    }

    @Test func writesAreSyncedOnEveryCommit() throws {
        let store = try makeStore(.sqlite)
        // PRAGMA synchronous: 2 is FULL, which fsyncs the WAL at each commit.
        #expect(try store.database.write { try $0.scalar("PRAGMA synchronous").int64Value } == 2)
        #expect(try store.database.write { try $0.scalar("PRAGMA journal_mode").stringValue } == "wal")
    }

    /// On PostgreSQL an acknowledged write is one whose commit record was flushed to the WAL:
    /// `synchronous_commit` is on (the server's default, which the store never lowers).
    @Test func postgresWritesAreFlushedOnEveryCommit() throws {
        let store = try makeStore(.postgresql)
        #expect(try store.database.write { try $0.scalar("SHOW synchronous_commit").stringValue } == "on")
        #expect(try store.database.read { try $0.scalar("SHOW fsync").stringValue } == "on")
    }

    @Test(arguments: TestEngine.allCases) func transactionReadsSeeItsOwnWrites(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        let decision = try complaint("23008737", decided: "2024-06-30")
        let seen = try store.write { transaction in
            try transaction.upsert(decision)
            let inside = try transaction.complaint(decision.reference)
            let deleted = try transaction.deleteComplaint(decision.reference)
            return (inside, deleted, try transaction.complaint(decision.reference))
        }
        #expect(seen.0 == decision)
        #expect(seen.1)
        #expect(seen.2 == nil)
    }
}
