import CouncilAPI
import Domain
import Foundation
import HTTPTestSupport
import JSON
import StoreTestSupport
import Testing

/// Every record at its own URL (`RecordResource`): what the path decides, what a missing or
/// malformed key answers, and DELETE, over a socket on both engines. The preconditions on the
/// same URLs are `ConditionalWriteTests`'.
@Suite("Records at their own URLs: GET, PUT and DELETE")
struct RecordResourceTests {
    typealias Resource = ConditionalWriteTests.Resource

    static let keyed = Resource.allCases.filter { $0.pathMembers != nil }

    @Test(
        "a PUT body may leave out what the path decides: it stores the same record as a body naming it",
        arguments: TestEngine.allCases, keyed)
    func pathDecidesLeftOutMembers(engine: TestEngine, resource: Resource) throws {
        let api = try LiveAPI.writable(engine: engine)
        var bare = resource.body
        for member in resource.pathMembers ?? [] { bare[member.name] = nil }
        let created = try api.send("PUT", resource.path, object: bare)
        #expect(created.status == 201, "\(created.text)")
        #expect(created.header("Location") == resource.path)
        let tag = try #require(created.header("ETag"))
        let named = try api.send("PUT", resource.path, object: resource.body)
        #expect(named.status == 200, "\(named.text)")
        #expect(named.header("ETag") == tag)
        var nulls = resource.body
        for member in resource.pathMembers ?? [] { nulls[member.name] = .null }
        let nulled = try api.send("PUT", resource.path, object: nulls)
        #expect(nulled.status == 200, "null is absent: \(nulled.text)")
        #expect(nulled.header("ETag") == tag)
        #expect(try api.get(resource.path).header("ETag") == tag)
    }

    @Test(
        "a PUT body naming another record than the path is a 422 on that member, and nothing is written",
        arguments: TestEngine.allCases, keyed)
    func bodyNamingAnotherRecord(engine: TestEngine, resource: Resource) throws {
        let api = try LiveAPI.writable(engine: engine)
        for member in resource.pathMembers ?? [] {
            let body = resource.body.merging([member.name: member.other])
            let response = try api.send("PUT", resource.path, object: body)
            try expectProblem(response, status: 422)
            #expect(try api.errorFields(response) == [member.name], "\(response.text)")
            #expect(try api.errorMessages(response).first?.contains("as in the path") == true)
        }
        #expect(try api.get(resource.path).status == 404)
    }

    @Test(
        "DELETE of a record that is not there is a 404 problem, If-Match or not",
        arguments: TestEngine.allCases, Resource.allCases)
    func deleteMissing(engine: TestEngine, resource: Resource) throws {
        let api = try LiveAPI.writable(engine: engine)
        try expectProblem(try api.send("DELETE", resource.path, contentType: nil), status: 404)
        try expectProblem(
            try api.send("DELETE", resource.path, contentType: nil, headers: [("If-Match", "*")]), status: 404)
    }

    @Test(
        "DELETE removes the record (204) from its URL and its list; PUT creates it again",
        arguments: TestEngine.allCases, Resource.allCases)
    func deleteThenCreate(engine: TestEngine, resource: Resource) throws {
        let api = try LiveAPI.writable(engine: engine)
        let created = try api.send("PUT", resource.path, object: resource.body)
        #expect(created.status == 201, "\(created.text)")
        let deleted = try api.send("DELETE", resource.path, contentType: nil)
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        try expectProblem(try api.get(resource.path), status: 404)
        #expect(try api.send("PUT", resource.path, object: resource.body).status == 201)
    }

    @Test(
        "a council that records still name is not deleted (409 counting them); one without goes with its populations",
        arguments: TestEngine.allCases)
    func deletingACouncil(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let tag = try api.get("/v1/councils/knowsley").header("ETag")
        let refused = try api.send("DELETE", "/v1/councils/E08000011", contentType: nil)
        let problem = try expectProblem(refused, status: 409, type: "/problems/council-has-records")
        let records = try #require(problem["records"] as? [String: Int], "\(refused.text)")
        #expect((records["complaints"] ?? 0) > 0)
        #expect(records.values.allSatisfy { $0 > 0 })
        #expect(try api.get("/v1/councils/knowsley").header("ETag") == tag)
        // The preconditions come before the method's own check: a stale tag is a 412, not the 409.
        let stale = try api.send(
            "DELETE", "/v1/councils/knowsley", contentType: nil,
            headers: [("If-Match", ConditionalWriteTests.staleTag)])
        try expectProblem(stale, status: 412, type: "/problems/precondition-failed")

        #expect(try api.send("PUT", Resource.council.path, object: Resource.council.body).status == 201)
        let population = "/v1/councils/testshire/populations/2023"
        #expect(try api.send("PUT", population, object: WriteFixtures.population).status == 201)
        #expect(try api.send("DELETE", Resource.council.path, contentType: nil).status == 204)
        try expectProblem(try api.get(population), status: 404)
        #expect(try api.send("PUT", Resource.council.path, object: Resource.council.body).status == 201)
        try expectProblem(try api.get(population), status: 404)
    }

    @Test(
        "an unclean report id is read at its clean id, but a write must name the clean id",
        arguments: TestEngine.allCases)
    func uncleanReportIDIsNotWritten(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let body = Resource.report.body.merging(["id": nil])
        let refused = try api.send("PUT", "/v1/reports/Knowsley%20Care%20Charges", object: body)
        let problem = try expectProblem(refused, status: 404)
        #expect((problem["detail"] as? String)?.contains("is not a report id") == true)
        try expectProblem(try api.get(Resource.report.path), status: 404)
        #expect(try api.send("PUT", Resource.report.path, object: body).status == 201)
        #expect(try api.get("/v1/reports/Knowsley%20Care%20Charges").status == 200)
        try expectProblem(
            try api.send("DELETE", "/v1/reports/Knowsley%20Care%20Charges", contentType: nil), status: 404)
    }

    @Test(
        "the write's ETag is the next GET's: a letter named by GSS code, an average of -0",
        arguments: TestEngine.allCases)
    func writeTagIsTheReadTag(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let letter = try api.send(
            "PUT", "/v1/councils/E08000011/annual-letters/2019-20",
            object: WriteFixtures.annualLetter.merging(["council": "E08000011"]))
        #expect(letter.status == 201, "\(letter.text)")
        #expect(letter.header("Location") == Resource.annualLetter.path)
        #expect(try api.get(Resource.annualLetter.path).header("ETag") == letter.header("ETag"))

        let zero = try api.send("PUT", Resource.publishedAverage.path, json: #"{"value": -0.0}"#)
        #expect(zero.status == 201, "\(zero.text)")
        let shown = try api.get(Resource.publishedAverage.path)
        #expect(shown.header("ETag") == zero.header("ETag"))
        #expect(!shown.text.contains("-0"))
    }

    /// URLs whose last segments cannot be a key: each is a 404 that says what a key looks like.
    static let malformed: [(path: String, detail: String)] = [
        ("/v1/reports/---", "is not a report id"),
        ("/v1/service-improvements/12", "is not a case reference"),
        ("/v1/councils/knowsley/annual-letters/2019", "is not a reporting year"),
        ("/v1/councils/atlantis/annual-letters/2019-20", "no council"),
        ("/v1/published-averages/2019-20/town/upheld_rate", "is not a council type"),
        ("/v1/published-averages/2019-20/county/median", "is not a metric"),
        ("/v1/councils/knowsley/populations/20x3", "is not a population year"),
        ("/v1/councils/knowsley/populations/1850", "is not a population year"),
    ]

    @Test("a malformed key is a 404 problem saying what a key looks like, for GET, PUT and DELETE")
    func malformedKeys() throws {
        let api = try LiveAPI.writable()
        for (path, detail) in Self.malformed {
            for method in ["GET", "PUT", "DELETE"] {
                let response =
                    method == "PUT"
                    ? try api.send(method, path, object: ["value": 1])
                    : try api.send(method, path, contentType: nil)
                let problem = try expectProblem(response, status: 404)
                let text = problem["detail"] as? String ?? ""
                #expect(text.contains(detail), "\(method) \(path): \(text)")
            }
        }
    }

    @Test(
        "each POST answers the record's own URL in Location, where GET finds it with the same ETag",
        arguments: TestEngine.allCases)
    func postLocatesTheRecord(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let posts: [(String, JSONObject, String)] = [
            ("/v1/reports", Resource.report.body, Resource.report.path),
            ("/v1/service-improvements", WriteFixtures.serviceImprovement, Resource.serviceImprovement.path),
            ("/v1/annual-letters", WriteFixtures.annualLetter, Resource.annualLetter.path),
            ("/v1/published-averages", WriteFixtures.publishedAverage, Resource.publishedAverage.path),
            ("/v1/councils/knowsley/populations", WriteFixtures.population, Resource.population.path),
        ]
        for (target, body, location) in posts {
            let created = try api.send("POST", target, object: body)
            #expect(created.status == 201, "\(target): \(created.text)")
            #expect(created.header("Location") == location)
            let shown = try api.get(location)
            #expect(shown.status == 200)
            #expect(shown.header("ETag") == created.header("ETag"))
        }
    }

    @Test("a service improvement is read at its URL even after the lists stop showing it")
    func improvementOutsideItsWindow() throws {
        let api = try LiveAPI.writable()
        let old = WriteFixtures.serviceImprovement.merging(["decided": "2015-01-10"])
        #expect(try api.send("PUT", Resource.serviceImprovement.path, object: old).status == 201)
        let list = try api.object(try api.get("/v1/councils/knowsley/service-improvements?limit=100"))
        let references = (list["items"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String }
        #expect(!references.contains("24 654 321"))
        let shown = try api.get(Resource.serviceImprovement.path)
        #expect(shown.status == 200)
        #expect(try api.object(shown)["decided"] as? String == "2015-01-10")
    }
}
