import Foundation
import HTTPTestSupport
import StoreTestSupport
import Testing

/// What a client gets when it asks for something that does not exist or asks badly: an RFC 9457
/// problem (`application/problem+json` with type, title, status and detail) naming the fault.
@Suite struct ProblemResponseTests {
    // MARK: 404

    @Test(
        arguments: TestEngine.allCases,
        [
            "/v1/councils/atlantis",
            "/v1/councils/E99999999/statistics",
            "/v1/councils/atlantis/service-improvements",
            "/v1/complaints/99999999",
            "/v1/complaints/99-999-999",
            "/v1/reports/no-such-report",
        ])
    func unknownResourcesAreNotFound(engine: TestEngine, _ target: String) throws {
        let api = try LiveAPI(engine: engine)
        try expectProblem(try api.get(target), status: 404, type: "/problems/not-found")
    }

    @Test(arguments: TestEngine.allCases) func aMalformedReferenceIsNotFoundAndSaysHowToWriteOne(engine: TestEngine)
        throws
    {
        let api = try LiveAPI(engine: engine)
        let problem = try expectProblem(
            try api.get("/v1/complaints/not-a-ref"), status: 404, type: "/problems/not-found")
        #expect((problem["detail"] as? String)?.contains("23 008 737") == true)
    }

    @Test(arguments: TestEngine.allCases) func anUnknownPathIsNotFound(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        try expectProblem(try api.get("/v1/nothing-here"), status: 404)
        try expectProblem(try api.get("/v2/councils"), status: 404)
    }

    @Test(arguments: TestEngine.allCases) func anUnknownCouncilFilterIsABadParameterNotAnEmptyList(engine: TestEngine)
        throws
    {
        let api = try LiveAPI(engine: engine)
        let problem = try expectProblem(
            try api.get("/v1/complaints?council=atlantis"), status: 400, type: "/problems/invalid-parameter")
        #expect(errorFields(problem) == ["council"])
    }

    // MARK: 400

    @Test(arguments: [
        ("/v1/complaints?year=2024-2025", "year"),
        ("/v1/complaints?year=2024-26", "year"),
        ("/v1/complaints?limit=0", "limit"),
        ("/v1/complaints?limit=101", "limit"),
        ("/v1/complaints?limit=ten", "limit"),
        ("/v1/complaints?cursor=not-a-cursor", "cursor"),
        ("/v1/complaints?cursor=", "cursor"),
        ("/v1/complaints?decided_from=2024-02-30", "decided_from"),
        ("/v1/complaints?decided_to=30/06/2024", "decided_to"),
        ("/v1/complaints?decided_from=2024-06-30&decided_to=2024-06-01", "decided_to"),
        ("/v1/complaints?outcome=partly_upheld", "outcome"),
        ("/v1/councils?type=parish", "type"),
        ("/v1/reports?as_of=yesterday", "as_of"),
        ("/v1/statistics?type=county&sort=-popularity", "sort"),
        ("/v1/statistics", "type"),
        ("/v1/complaints?yaer=2024-25", "yaer"),
        ("/v1/councils/knowsley?format=csv", "format"),
        ("/v1/complaints?limit=5&limit=6", "limit"),
    ])
    func badParametersAreNamed(_ target: String, _ field: String) throws {
        // Parameters are refused before any query: one engine is enough.
        let api = try LiveAPI()
        let problem = try expectProblem(try api.get(target), status: 400, type: "/problems/invalid-parameter")
        #expect(errorFields(problem).contains(field), "\(target): \(problem)")
    }

    @Test(arguments: TestEngine.allCases) func everyBadParameterIsNamedInOneAnswer(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let problem = try expectProblem(
            try api.get("/v1/complaints?year=2024&limit=0&colour=red&outcome=maybe"), status: 400)
        #expect(Set(errorFields(problem)) == ["year", "limit", "colour", "outcome"])
        let unknown = try #require(
            (problem["errors"] as? [[String: Any]])?.first { $0["field"] as? String == "colour" })
        #expect((unknown["message"] as? String)?.contains("not a known query parameter") == true)
    }

    /// A cursor that decodes but belongs to another list (another key shape) is refused too.
    @Test(arguments: TestEngine.allCases) func aCursorOfAnotherListIsRefused(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let councils = try api.object(try api.get("/v1/councils?limit=1"))
        let cursor = try #require(councils["next_cursor"] as? String)
        let problem = try expectProblem(try api.get("/v1/complaints?cursor=\(cursor)"), status: 400)
        #expect(errorFields(problem) == ["cursor"])
    }

    // MARK: Other statuses

    @Test(arguments: TestEngine.allCases) func anUnacceptableRepresentationIs406(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        try expectProblem(
            try api.get("/v1/complaints", headers: [("Accept", "application/xml")]), status: 406,
            type: "/problems/not-acceptable")
    }

    @Test(arguments: TestEngine.allCases) func anUndocumentedMethodIs405WithAllow(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let response = try api.request("PATCH", "/v1/councils/knowsley")
        try expectProblem(response, status: 405)
        let allow = try #require(response.header("Allow"))
        #expect(allow.contains("GET") && allow.contains("HEAD") && allow.contains("OPTIONS"))
        #expect(!allow.contains("PATCH"))
    }

    /// Found by schemathesis: a URL longer than the server reads is answered 414, which the
    /// document now lists for every operation.
    @Test(arguments: TestEngine.allCases) func anOverlongURLIs414(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/v1/councils?q=" + String(repeating: "a", count: 9000))
        #expect(response.status == 414)
        #expect(response.header("Content-Type") == "application/problem+json")
    }
}
