import CouncilAPI
import Domain
import Foundation
import HTTPTestSupport
import Repositories
import StoreTestSupport
import Testing

/// Shared checks and fixtures of the read API's integration tests, so each test states only what
/// it is about.

extension LiveAPI {
    /// The whole API with a fixed "today" (the demo data's) and this CORS configuration.
    convenience init(engine: TestEngine, corsOrigins: [String]) throws {
        try self.init(
            engine: engine, configuration: APIConfiguration(corsOrigins: corsOrigins, clock: .fixed(DemoDataset.asOf)))
    }

    /// The `items` of a list or league table answer.
    func items(_ response: RawResponse) throws -> [[String: Any]] {
        try #require(try object(response)["items"] as? [[String: Any]], "no items in \(response.text)")
    }

    /// Every complaint reference of `/v1/complaints` with `query`, following `next_cursor` to the end.
    func allComplaintReferences(query: String) throws -> [String] {
        var references: [String] = []
        var target = "/v1/complaints?\(query)"
        while true {
            let response = try get(target)
            try #require(response.status == 200, "\(target): \(response.text)")
            let body = try object(response)
            references += try items(response).compactMap { $0["reference"] as? String }
            guard let cursor = body["next_cursor"] as? String else { break }
            target = "/v1/complaints?\(query)&cursor=\(cursor)"
        }
        return references
    }
}

/// Expects an RFC 9457 problem answer with `status`, and returns its body. Every problem must carry
/// the four members and say its status twice (line and body) alike.
@discardableResult
func expectProblem(
    _ response: RawResponse, status: Int, type: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws -> [String: Any] {
    #expect(
        response.status == status, "answer was \(response.status): \(response.text)", sourceLocation: sourceLocation)
    #expect(response.header("Content-Type") == "application/problem+json", sourceLocation: sourceLocation)
    let body = try #require(
        try LiveServer.json(response) as? [String: Any], "not a JSON object: \(response.text)",
        sourceLocation: sourceLocation)
    #expect(body["status"] as? Int == status, sourceLocation: sourceLocation)
    #expect((body["title"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    #expect((body["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    // Every problem names its exchange, as the answer's X-Request-Id does.
    #expect(
        body["instance"] as? String == response.header("X-Request-Id") && body["instance"] != nil,
        "instance \(body["instance"] ?? "missing")", sourceLocation: sourceLocation)
    #expect(response.header("X-Content-Type-Options") == "nosniff", sourceLocation: sourceLocation)
    let bodyType = try #require(body["type"] as? String, "problem without type", sourceLocation: sourceLocation)
    if let type {
        #expect(bodyType == type, sourceLocation: sourceLocation)
    }
    return body
}

/// The `field`s of a problem's `errors`.
func errorFields(_ problem: [String: Any]) -> [String] {
    (problem["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
}

/// The header of a CSV answer and its rows, split naively (enough for values without commas).
func csvRows(_ response: RawResponse) -> (header: [String], rows: [[String: String]]) {
    let lines = response.text.split(separator: "\r\n", omittingEmptySubsequences: true).flatMap {
        $0.split(separator: "\n", omittingEmptySubsequences: true)
    }
    guard let first = lines.first else { return ([], []) }
    let header = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let rows = lines.dropFirst().map { line in
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return Dictionary(zip(header, cells), uniquingKeysWith: { first, _ in first })
    }
    return (header, rows)
}

/// A decision to insert while a test runs, with a reference the demo data does not use.
func decision(_ reference: String, council: String = "knowsley", decided: String, category: String = "Housing") throws
    -> Complaint
{
    Complaint(
        reference: try #require(CaseReference(reference)), councilID: council,
        decided: try #require(CalendarDate(iso: decided)), category: category, outcome: .notUpheld)
}
