import Foundation
import HTTPTestSupport
import StoreTestSupport
import Testing

/// Conditional GETs over a socket: a tag from an earlier answer gets 304 while nothing was written,
/// and a fresh answer with a new tag once something was.
@Suite struct ConditionalGETTests {
    @Test(arguments: TestEngine.allCases) func aMatchingTagGets304WithoutABody(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let first = try api.get("/v1/councils/knowsley")
        #expect(first.status == 200)
        #expect(first.header("Cache-Control") == "no-cache")
        let tag = try #require(first.header("ETag"))

        let again = try api.get("/v1/councils/knowsley", headers: [("If-None-Match", tag)])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(again.header("ETag") == tag)
        #expect(again.header("Content-Type") == nil)

        // Weak comparison, and a list of tags, as RFC 9110 asks for If-None-Match.
        #expect(try api.get("/v1/councils/knowsley", headers: [("If-None-Match", "W/\(tag)")]).status == 304)
        #expect(try api.get("/v1/councils/knowsley", headers: [("If-None-Match", "\"0-other\", \(tag)")]).status == 304)
        #expect(try api.get("/v1/councils/knowsley", headers: [("If-None-Match", "\"0-other\"")]).status == 200)
    }

    @Test(arguments: TestEngine.allCases) func aWriteToTheStoreRetiresEveryTag(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let list = "/v1/complaints?council=knowsley&limit=5"
        let before = try api.get(list)
        let tag = try #require(before.header("ETag"))
        #expect(try api.get(list, headers: [("If-None-Match", tag)]).status == 304)

        try api.store.complaints.upsert(try decision("24999001", decided: "2025-03-30"))

        let after = try api.get(list, headers: [("If-None-Match", tag)])
        #expect(after.status == 200)
        let newTag = try #require(after.header("ETag"))
        #expect(newTag != tag)
        #expect(try api.items(after).first?["reference"] as? String == "24 999 001")
        #expect(try api.get(list, headers: [("If-None-Match", newTag)]).status == 304)
    }

    @Test(arguments: TestEngine.allCases) func tagsDifferByTargetAndRepresentation(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let json = try #require(try api.get("/v1/complaints?limit=2").header("ETag"))
        let csv = try #require(try api.get("/v1/complaints?limit=2", headers: [("Accept", "text/csv")]).header("ETag"))
        let other = try #require(try api.get("/v1/complaints?limit=3").header("ETag"))
        #expect(Set([json, csv, other]).count == 3)
        // The CSV tag does not answer the JSON request.
        #expect(try api.get("/v1/complaints?limit=2", headers: [("If-None-Match", csv)]).status == 200)
    }

    /// Found by schemathesis: `If-None-Match: *` used to get 304 before the request was checked, so
    /// an unknown council or a bad parameter looked like a cached success. RFC 9110 section 13.2.1:
    /// preconditions are ignored when the answer would not be 2xx.
    @Test(arguments: TestEngine.allCases) func aWildcardNeverHidesAnError(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        try expectProblem(try api.get("/v1/councils/nowhere", headers: [("If-None-Match", "*")]), status: 404)
        try expectProblem(try api.get("/v1/complaints?limit=0", headers: [("If-None-Match", "*")]), status: 400)
        try expectProblem(try api.get("/v1/complaints/99999999", headers: [("If-None-Match", "*")]), status: 404)
        let existing = try api.get("/v1/councils/knowsley", headers: [("If-None-Match", "*")])
        #expect(existing.status == 304)
        #expect(existing.header("ETag") != nil)
    }

    @Test(arguments: TestEngine.allCases) func errorsAndOperationalEndpointsCarryNoTag(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        #expect(try api.get("/v1/councils/nowhere").header("ETag") == nil)
        #expect(try api.get("/healthz").header("ETag") == nil)
        #expect(try api.get("/metrics").header("ETag") == nil)
        #expect(try api.get("/openapi.json").header("ETag") != nil)
    }
}
