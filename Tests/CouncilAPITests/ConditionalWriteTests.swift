import CouncilAPI
import Domain
import Foundation
import HTTPTestSupport
import JSON
import Repositories
import StoreTestSupport
import Testing

/// Strong content ETags on single records, and `If-Match` / `If-None-Match` on their PUT and
/// DELETE, over a socket on both engines: the contract of the conditional-writes issue.
@Suite("Conditional writes: ETag, If-Match, If-None-Match, 412 and 428")
struct ConditionalWriteTests {
    /// A record that has a GET and a PUT of its own: where it lives, a body that creates it, and a
    /// body that changes it.
    enum Resource: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case council, complaint, report, serviceImprovement, annualLetter, publishedAverage, population

        var testDescription: String { rawValue }

        var path: String {
            switch self {
            case .council: "/v1/councils/testshire"
            case .complaint: "/v1/complaints/24123456"
            case .report: "/v1/reports/knowsley-care-charges"
            case .serviceImprovement: "/v1/service-improvements/24654321"
            case .annualLetter: "/v1/councils/knowsley/annual-letters/2019-20"
            case .publishedAverage: "/v1/published-averages/2019-20/unitary/upheld_rate"
            case .population: "/v1/councils/knowsley/populations/2023"
            }
        }

        var body: JSONObject {
            switch self {
            case .council: WriteFixtures.council
            case .complaint: WriteFixtures.complaint
            case .report: WriteFixtures.report.merging(["id": "knowsley-care-charges"])
            case .serviceImprovement: WriteFixtures.serviceImprovement
            case .annualLetter: WriteFixtures.annualLetter
            case .publishedAverage: WriteFixtures.publishedAverage
            case .population: WriteFixtures.population
            }
        }

        var changed: JSONObject {
            body.merging([changedMember.name: changedMember.json])
        }

        /// The member `changed` changes, its new value, and that value as the JSON answer shows it.
        var changedMember: (name: String, json: JSONValue, shown: String) {
            switch self {
            case .council: ("name", "Testshire Unitary Council", "Testshire Unitary Council")
            case .complaint: ("decided", "2024-07-15", "2024-07-15")
            case .report: ("title", "Council reviewed care charges late", "Council reviewed care charges late")
            case .serviceImprovement: ("category", "Planning", "Planning")
            case .annualLetter: ("published", "2020-08-03", "2020-08-03")
            case .publishedAverage: ("value", 0.5, "0.5")
            case .population: ("population", 155_000, "155000")
            }
        }

        /// Another record of the same kind: its URL and a body that creates it.
        var other: (path: String, body: JSONObject) {
            switch self {
            case .council:
                ("/v1/councils/otherhamshire", body.merging(["id": "otherhamshire", "gss_code": "E10000998"]))
            case .complaint: ("/v1/complaints/24123457", body.merging(["reference": "24 123 457"]))
            case .report: ("/v1/reports/knowsley-other", body.merging(["id": "knowsley-other"]))
            case .serviceImprovement:
                ("/v1/service-improvements/24654322", body.merging(["reference": "24 654 322"]))
            case .annualLetter: ("/v1/councils/knowsley/annual-letters/2018-19", body.merging(["year": "2018-19"]))
            case .publishedAverage:
                ("/v1/published-averages/2019-20/county/upheld_rate", body.merging(["council_type": "county"]))
            case .population: ("/v1/councils/knowsley/populations/2022", body.merging(["year": 2022]))
            }
        }

        /// The body members the URL decides, each with a value naming another record; nil for the
        /// council, whose PUT has its own rule (its GSS code may rename it).
        var pathMembers: [(name: String, other: JSONValue)]? {
            switch self {
            case .council: nil
            case .complaint, .serviceImprovement: [("reference", "24 999 999")]
            case .report: [("id", "another-report")]
            case .annualLetter: [("council", "sefton"), ("year", "2018-19")]
            case .publishedAverage: [("year", "2018-19"), ("council_type", "county"), ("metric", "remedy_rate")]
            case .population: [("year", 2022)]
            }
        }
    }

    /// `member` of a JSON answer as text (a number as Foundation prints it), to compare with `shown`.
    static func shown(_ object: [String: Any], _ member: String) -> String? {
        object[member].map { "\($0)" }
    }

    static let staleTag = "\"" + String(repeating: "0", count: 64) + "\""

    static func isStrongTag(_ tag: String?) -> Bool {
        guard let tag else { return false }
        return tag.range(of: #"^"[0-9a-f]{64}"$"#, options: .regularExpression) != nil
    }

    /// A writable API (refusing PUT and DELETE without If-Match when `requireIfMatch`) with
    /// `resource` stored, and the tag of that record. The record is created with
    /// `If-None-Match: *`, which the requirement accepts in place of `If-Match`.
    static func stored(_ resource: Resource, engine: TestEngine, requireIfMatch: Bool = false) throws
        -> (api: LiveAPI, tag: String)
    {
        var configuration = APIConfiguration(apiTokens: [LiveAPI.writeToken], clock: .fixed(DemoDataset.asOf))
        configuration.requireIfMatch = requireIfMatch
        let api = try LiveAPI(engine: engine, configuration: configuration)
        let created = try api.send("PUT", resource.path, object: resource.body, headers: [("If-None-Match", "*")])
        try #require(created.status == 201, "\(created.text)")
        return (api, try #require(created.header("ETag")))
    }

    @Test(
        "GET answers a strong ETag of the record's content: stable, the write answer's tag, changed by a change and back with the content",
        arguments: TestEngine.allCases, Resource.allCases)
    func getTagFollowsContent(engine: TestEngine, resource: Resource) throws {
        let (api, created) = try Self.stored(resource, engine: engine)
        #expect(Self.isStrongTag(created))
        let first = try api.get(resource.path)
        #expect(first.status == 200)
        #expect(first.header("ETag") == created)
        #expect(try api.get(resource.path).header("ETag") == created)
        #expect(try api.send("PUT", resource.path, object: resource.body).header("ETag") == created)

        let changed = try api.send("PUT", resource.path, object: resource.changed)
        #expect(changed.status == 200)
        let changedTag = try #require(changed.header("ETag"))
        #expect(Self.isStrongTag(changedTag))
        #expect(changedTag != created)
        #expect(try api.get(resource.path).header("ETag") == changedTag)

        #expect(try api.send("PUT", resource.path, object: resource.body).header("ETag") == created)
        #expect(try api.get(resource.path).header("ETag") == created)
    }

    @Test("a record's tag does not move when another record is written", arguments: TestEngine.allCases)
    func otherWritesLeaveTheTag(engine: TestEngine) throws {
        let (api, tag) = try Self.stored(.council, engine: engine)
        #expect(try api.send("PUT", Resource.complaint.path, object: Resource.complaint.body).status == 201)
        #expect(try api.get(Resource.council.path).header("ETag") == tag)
    }

    @Test("GET with If-None-Match naming the record's tag is 304", arguments: TestEngine.allCases, Resource.allCases)
    func conditionalGet(engine: TestEngine, resource: Resource) throws {
        let (api, tag) = try Self.stored(resource, engine: engine)
        let response = try api.get(resource.path, headers: [("If-None-Match", tag)])
        #expect(response.status == 304)
        #expect(response.header("ETag") == tag)
        #expect(try api.get(resource.path, headers: [("If-None-Match", Self.staleTag)]).status == 200)
    }

    @Test(
        "PUT with the current tag in If-Match replaces the record and answers its new ETag",
        arguments: TestEngine.allCases, Resource.allCases)
    func putWithMatchingIfMatch(engine: TestEngine, resource: Resource) throws {
        let (api, tag) = try Self.stored(resource, engine: engine)
        let response = try api.send("PUT", resource.path, object: resource.changed, headers: [("If-Match", tag)])
        #expect(response.status == 200, "\(response.text)")
        let newTag = try #require(response.header("ETag"))
        #expect(newTag != tag)
        let current = try api.get(resource.path)
        #expect(current.header("ETag") == newTag)
        #expect(Self.shown(try api.object(current), resource.changedMember.name) == resource.changedMember.shown)
    }

    @Test(
        "PUT with a stale If-Match is a 412 problem naming the current ETag, and the record is unchanged",
        arguments: TestEngine.allCases, Resource.allCases)
    func putWithStaleIfMatch(engine: TestEngine, resource: Resource) throws {
        let (api, tag) = try Self.stored(resource, engine: engine)
        let response = try api.send(
            "PUT", resource.path, object: resource.changed, headers: [("If-Match", Self.staleTag)])
        #expect(response.status == 412)
        #expect(response.header("Content-Type") == "application/problem+json")
        let problem = try api.object(response)
        #expect(problem["type"] as? String == "/problems/precondition-failed")
        #expect(problem["status"] as? Int == 412)
        #expect(problem["current_etag"] as? String == tag)
        #expect(response.header("ETag") == tag)
        let current = try api.get(resource.path)
        #expect(current.header("ETag") == tag)
        #expect(Self.shown(try api.object(current), resource.changedMember.name) != resource.changedMember.shown)
    }

    @Test("a weak tag never satisfies If-Match; * matches an existing record", arguments: TestEngine.allCases)
    func weakAndStarIfMatch(engine: TestEngine) throws {
        let resource = Resource.council
        let (api, tag) = try Self.stored(resource, engine: engine)
        let weak = try api.send("PUT", resource.path, object: resource.changed, headers: [("If-Match", "W/" + tag)])
        #expect(weak.status == 412)
        let star = try api.send("PUT", resource.path, object: resource.changed, headers: [("If-Match", "*")])
        #expect(star.status == 200)
    }

    @Test(
        "If-Match on a record that does not exist is a 412 without current_etag, and nothing is created",
        arguments: TestEngine.allCases, Resource.allCases)
    func ifMatchOnNothing(engine: TestEngine, resource: Resource) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send("PUT", resource.path, object: resource.body, headers: [("If-Match", Self.staleTag)])
        #expect(response.status == 412)
        #expect(try api.object(response)["current_etag"] == nil)
        #expect(try api.get(resource.path).status == 404)
    }

    @Test(
        "If-None-Match: * creates a new record and is a 412 naming the tag when the record exists",
        arguments: TestEngine.allCases, Resource.allCases)
    func ifNoneMatchStar(engine: TestEngine, resource: Resource) throws {
        let api = try LiveAPI.writable(engine: engine)
        let created = try api.send("PUT", resource.path, object: resource.body, headers: [("If-None-Match", "*")])
        #expect(created.status == 201, "\(created.text)")
        let tag = try #require(created.header("ETag"))
        #expect(try api.get(resource.path).header("ETag") == tag)

        let again = try api.send("PUT", resource.path, object: resource.changed, headers: [("If-None-Match", "*")])
        #expect(again.status == 412)
        #expect(again.header("Content-Type") == "application/problem+json")
        #expect(try api.object(again)["current_etag"] as? String == tag)
        #expect(try api.get(resource.path).header("ETag") == tag)
    }

    @Test(
        "DELETE with a stale If-Match is a 412 and the record stays; with the current tag it is deleted",
        arguments: TestEngine.allCases, Resource.allCases)
    func conditionalDelete(engine: TestEngine, resource: Resource) throws {
        let (api, tag) = try Self.stored(resource, engine: engine)
        let stale = try api.send("DELETE", resource.path, contentType: nil, headers: [("If-Match", Self.staleTag)])
        #expect(stale.status == 412)
        #expect(try api.object(stale)["current_etag"] as? String == tag)
        #expect(try api.get(resource.path).status == 200)

        let deleted = try api.send("DELETE", resource.path, contentType: nil, headers: [("If-Match", tag)])
        #expect(deleted.status == 204)
        #expect(try api.get(resource.path).status == 404)
    }

    @Test(
        "with requireIfMatch, PUT without If-Match is a 428 problem and nothing is written; with If-Match or If-None-Match: * it goes through",
        arguments: TestEngine.allCases, Resource.allCases)
    func requiredIfMatchOnPut(engine: TestEngine, resource: Resource) throws {
        let (api, tag) = try Self.stored(resource, engine: engine, requireIfMatch: true)
        let blind = try api.send("PUT", resource.path, object: resource.changed)
        #expect(blind.status == 428)
        #expect(blind.header("Content-Type") == "application/problem+json")
        let problem = try api.object(blind)
        #expect(problem["type"] as? String == "/problems/precondition-required")
        #expect(problem["current_etag"] == nil)
        #expect(try api.get(resource.path).header("ETag") == tag)

        let conditional = try api.send("PUT", resource.path, object: resource.changed, headers: [("If-Match", tag)])
        #expect(conditional.status == 200, "\(conditional.text)")

        // A new record may be created with If-None-Match: * instead of If-Match.
        let (otherPath, other) = resource.other
        #expect(try api.send("PUT", otherPath, object: other).status == 428)
        #expect(try api.get(otherPath).status == 404)
        #expect(try api.send("PUT", otherPath, object: other, headers: [("If-None-Match", "*")]).status == 201)
    }

    @Test(
        "with requireIfMatch, DELETE without If-Match is a 428 and the record stays; with If-Match it is deleted",
        arguments: TestEngine.allCases, Resource.allCases)
    func requiredIfMatchOnDelete(engine: TestEngine, resource: Resource) throws {
        let (api, tag) = try Self.stored(resource, engine: engine, requireIfMatch: true)
        let blind = try api.send("DELETE", resource.path, contentType: nil)
        #expect(blind.status == 428)
        #expect(try api.object(blind)["type"] as? String == "/problems/precondition-required")
        #expect(try api.get(resource.path).status == 200)
        let star = try api.send("DELETE", resource.path, contentType: nil, headers: [("If-None-Match", "*")])
        #expect(star.status == 428)
        #expect(try api.send("DELETE", resource.path, contentType: nil, headers: [("If-Match", tag)]).status == 204)
        #expect(try api.get(resource.path).status == 404)
    }

    @Test("a report's GET carries the strong content ETag its POST answered with", arguments: TestEngine.allCases)
    func reportTag(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let created = try api.send("POST", "/v1/reports", object: WriteFixtures.report)
        #expect(created.status == 201, "\(created.text)")
        let location = try #require(created.header("Location"))
        let tag = try #require(created.header("ETag"))
        #expect(Self.isStrongTag(tag))
        let shown = try api.get(location)
        #expect(shown.status == 200)
        #expect(shown.header("ETag") == tag)
        #expect(try api.get(location, headers: [("If-None-Match", tag)]).status == 304)
    }
}
