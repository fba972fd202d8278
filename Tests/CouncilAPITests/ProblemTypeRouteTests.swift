import Foundation
import HTTPTestSupport
import Testing

@testable import CouncilAPI

/// Each problem `type` is a URI the server answers with a description of that problem, from the
/// same table the problems are made from; every answer, the server core's own included, carries
/// `X-Content-Type-Options: nosniff`, and every problem its request id as `instance`.
@Suite struct ProblemTypeRouteTests {
    @Test(arguments: ProblemType.all.map(\.name)) func everyTypeIsDescribedInJSON(_ name: String) throws {
        let api = try LiveAPI()
        let response = try api.get("/problems/\(name)")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        let body = try api.object(response)
        let problem = try #require(ProblemType.named(name))
        #expect(body["type"] as? String == problem.uri)
        #expect(body["title"] as? String == problem.title)
        #expect(body["description"] as? String == problem.summary)
    }

    @Test func aBrowserGetsHTML() throws {
        let api = try LiveAPI()
        let response = try api.get(
            "/problems/validation", headers: [("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")])
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(response.text.contains("<h1>Validation failed</h1>"))
        #expect(response.header("X-Content-Type-Options") == "nosniff")
    }

    /// The pages are tagged like the data, each representation apart: a cache revalidates them.
    @Test func pagesAreConditionalPerRepresentation() throws {
        let api = try LiveAPI()
        let json = try api.get("/problems/validation")
        let html = try api.get("/problems/validation", headers: [("Accept", "text/html")])
        let tag = try #require(json.header("ETag"))
        #expect(html.header("ETag") != nil && html.header("ETag") != tag)
        let again = try api.get("/problems/validation", headers: [("If-None-Match", tag)])
        #expect(again.status == 304)
        #expect(try api.get("/problems/validation", headers: [("If-None-Match", "\"other\"")]).status == 200)
    }

    @Test func anUnknownTypeIsNotFound() throws {
        let api = try LiveAPI()
        try expectProblem(try api.get("/problems/no-such-problem"), status: 404, type: ProblemType.notFound.uri)
    }

    @Test func prefersHTMLOnlyWhenHTMLOutranksJSON() {
        #expect(ProblemRoutes.prefersHTML("text/html"))
        #expect(!ProblemRoutes.prefersHTML("*/*"))
        #expect(!ProblemRoutes.prefersHTML(nil))
        #expect(!ProblemRoutes.prefersHTML("text/html;q=0.5, application/json"))
    }

    @Test func theServerCoresOwnProblemsCarryInstanceAndNosniff() throws {
        let api = try LiveAPI()
        let client = try api.live.connect()
        try client.send("GET /v1/councils HTTP/1.1\r\nHost: t\r\nX-Request-Id: early-1\r\nBad Header: x\r\n\r\n")
        let response = try client.readResponse()
        let problem = try expectProblem(response, status: 400)
        #expect(problem["instance"] as? String == response.header("X-Request-Id"))
    }
}
