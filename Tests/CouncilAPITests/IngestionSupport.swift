import CouncilAPI
import Domain
import Foundation
import HTTPTestSupport
import JSON
import Repositories
import StoreTestSupport
import Testing

/// Live servers that accept writes, and the bodies the write tests start from.
extension LiveAPI {
    static let writeToken = "s3cret-write-token"
    static let otherWriteToken = "another-token"

    /// The demo data on a live server that accepts `writeToken` and `otherWriteToken`, today
    /// being the demo's `asOf` (2025-03-31).
    static func writable(engine: TestEngine = .sqlite, tokens: [String] = [writeToken, otherWriteToken]) throws
        -> LiveAPI
    {
        try LiveAPI(engine: engine, configuration: APIConfiguration(apiTokens: tokens, clock: .fixed(DemoDataset.asOf)))
    }

    /// A write with a JSON body, the bearer token and Content-Type set unless overridden.
    func send(
        _ method: String, _ target: String, json: String = "", token: String? = LiveAPI.writeToken,
        contentType: String? = "application/json", headers: [(String, String)] = []
    ) throws -> RawResponse {
        var all = headers
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        if let contentType { all.append(("Content-Type", contentType)) }
        return try request(method, target, headers: all, body: json)
    }

    func send(
        _ method: String, _ target: String, object: JSONObject, token: String? = LiveAPI.writeToken,
        headers: [(String, String)] = []
    ) throws -> RawResponse {
        try send(method, target, json: JSONValue.object(object).serializedString(), token: token, headers: headers)
    }

    /// The `field`s of a problem's `errors`.
    func errorFields(_ response: RawResponse) throws -> [String] {
        let errors = try object(response)["errors"] as? [[String: Any]] ?? []
        return errors.compactMap { $0["field"] as? String }
    }

    func errorMessages(_ response: RawResponse) throws -> [String] {
        let errors = try object(response)["errors"] as? [[String: Any]] ?? []
        return errors.compactMap { $0["message"] as? String }
    }
}

/// Valid bodies of each record, about the demo's Knowsley, dated before the demo's today and
/// keyed apart from every demo record (the demo holds letters and averages from 2022-23 on).
enum WriteFixtures {
    static let complaint: JSONObject = [
        "reference": "24 123 456", "council": "knowsley", "received": "2024-05-01", "decided": "2024-06-30",
        "category": "Adult care services", "subcategory": "Residential care", "outcome": "upheld",
        "remedy_before_ombudsman": false, "compliance": "complied",
    ]

    static let council: JSONObject = [
        "id": "testshire", "name": "Testshire County Council", "short_name": "Testshire", "gss_code": "E10000999",
        "type": "county", "region": "South West",
    ]

    static let population: JSONObject = ["year": 2023, "population": 154_000, "source": "ons-mid-2023"]

    static let report: JSONObject = [
        "council": "knowsley", "title": "Council failed to review care charges", "summary": "The council delayed.",
        "published": "2024-11-05", "reference": "23008737", "url": "https://www.lgo.org.uk/decisions/x",
    ]

    static let serviceImprovement: JSONObject = [
        "reference": "24 654 321", "council": "knowsley", "category": "Housing", "decided": "2024-09-12",
        "source": "decision", "actions": ["Remind staff of the allocation rules.", "Review the policy."],
    ]

    static let annualLetter: JSONObject = [
        "council": "knowsley", "year": "2019-20", "published": "2020-07-22",
        "url": "https://www.lgo.org.uk/annual-letters/knowsley-2019-20.pdf",
    ]

    static let publishedAverage: JSONObject = [
        "year": "2019-20", "council_type": "unitary", "metric": "upheld_rate", "value": 0.79,
    ]
}

/// One bad body for a parameterized validation test: what to change in a valid body, and the
/// field the 422 must name.
struct InvalidBody: Sendable, CustomTestStringConvertible {
    let name: String
    let field: String
    let edit: @Sendable (inout JSONObject) -> Void

    init(_ name: String, field: String, _ edit: @escaping @Sendable (inout JSONObject) -> Void) {
        self.name = name
        self.field = field
        self.edit = edit
    }

    var testDescription: String { name }

    func applied(to base: JSONObject) -> JSONObject {
        var body = base
        edit(&body)
        return body
    }
}

extension JSONObject {
    /// This object with `other`'s members set over its own.
    func merging(_ other: JSONObject) -> JSONObject {
        var merged = self
        for (key, value) in other.members { merged[key] = value }
        return merged
    }
}
