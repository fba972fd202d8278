import Foundation
import HTTPTestSupport
import JSON
import StoreTestSupport
import Testing

/// Councils, populations, reports, improvements, letters and averages through the write API.
@Suite struct IngestionRecordTests {
    @Test(arguments: TestEngine.allCases) func councilIsCreatedThenReplacedByPostOrPut(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let created = try api.send("POST", "/v1/councils", object: WriteFixtures.council)
        #expect(created.status == 201)
        #expect(created.header("Location") == "/v1/councils/testshire")
        let body = try api.object(created)
        #expect(body["gss_code"] as? String == "E10000999")
        #expect(body["demo"] as? Bool == false)
        #expect(try api.get("/v1/councils/testshire").body == created.body)

        #expect(try api.send("POST", "/v1/councils", object: WriteFixtures.council).status == 200)
        var renamed = WriteFixtures.council
        renamed["name"] = "Testshire Council"
        let replaced = try api.send("PUT", "/v1/councils/testshire", object: renamed)
        #expect(replaced.status == 200)
        #expect(try api.object(try api.get("/v1/councils/testshire"))["name"] as? String == "Testshire Council")
    }

    @Test(arguments: TestEngine.allCases) func putCreatesACouncil(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send("PUT", "/v1/councils/testshire", object: WriteFixtures.council)
        #expect(response.status == 201)
        #expect(response.header("Location") == "/v1/councils/testshire")
    }

    @Test(arguments: TestEngine.allCases) func putWhoseBodyNamesAnotherCouncilIsRefusedOnId(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send("PUT", "/v1/councils/knowsley", object: WriteFixtures.council)
        #expect(response.status == 422)
        #expect(try api.errorFields(response) == ["id"])
        #expect(try api.get("/v1/councils/testshire").status == 404)
    }

    @Test(arguments: TestEngine.allCases) func putToTheGSSCodeChangesTheIdAndTheRecordsFollow(engine: TestEngine) throws
    {
        let api = try LiveAPI.writable(engine: engine)
        let knowsley = try api.object(try api.get("/v1/councils/knowsley"))
        var moved = JSONObject()
        for key in ["name", "short_name", "gss_code", "type", "region"] {
            moved[key] = (knowsley[key] as? String).map(JSONValue.string) ?? .null
        }
        moved["id"] = "knowsley-borough"
        let response = try api.send("PUT", "/v1/councils/E08000011", object: moved)
        #expect(response.status == 200, "\(response.text)")
        #expect(try api.get("/v1/councils/knowsley").status == 404)
        let statistics = try api.object(try api.get("/v1/councils/knowsley-borough/statistics?year=2024-25"))
        #expect(statistics[path: "complaints.dealt_with"] as? Int == 35)
    }

    @Test(arguments: TestEngine.allCases) func anIdHeldByAnotherCouncilIsAConflict(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        var taken = WriteFixtures.council
        taken["id"] = "knowsley"
        let response = try api.send("POST", "/v1/councils", object: taken)
        #expect(response.status == 409)
        #expect(try api.errorFields(response) == ["id"])
    }

    @Test(arguments: TestEngine.allCases) func populationIsStoredForTheCouncilInThePath(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send("POST", "/v1/councils/E08000011/populations", object: WriteFixtures.population)
        #expect(response.status == 201)
        #expect(response.header("Location") == "/v1/councils/knowsley/populations/2023")
        let body = try api.object(response)
        #expect(body["council"] as? String == "knowsley")
        #expect(body["population"] as? Int == 154_000)
        let list = try api.object(try api.get("/v1/councils/knowsley/populations?limit=100"))
        let years = (list["items"] as? [[String: Any]] ?? []).compactMap { $0["year"] as? Int }
        #expect(years.contains(2023))
        #expect(
            try api.send("POST", "/v1/councils/knowsley/populations", object: WriteFixtures.population).status == 200)
        #expect(
            try api.send("POST", "/v1/councils/atlantis/populations", object: WriteFixtures.population).status == 404)
    }

    @Test(arguments: TestEngine.allCases) func reportWithoutAnIdGetsAStableGeneratedOne(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let first = try api.send("POST", "/v1/reports", object: WriteFixtures.report)
        #expect(first.status == 201)
        let id = try #require(try api.object(first)["id"] as? String)
        #expect(id.hasPrefix("knowsley-2024-11-05-council-failed-to-review-care-charges-"))
        #expect(first.header("Location") == "/v1/reports/\(id)")
        #expect(try api.object(first)["reference"] as? String == "23 008 737")
        let again = try api.send("POST", "/v1/reports", object: WriteFixtures.report)
        #expect(again.status == 200)
        #expect(try api.object(again)["id"] as? String == id)
        #expect(try api.get("/v1/reports/\(id)").status == 200)
    }

    @Test(arguments: TestEngine.allCases) func reportWithAnIdIsReplacedByThatId(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        var report = WriteFixtures.report
        report["id"] = "knowsley-care-charges"
        #expect(try api.send("POST", "/v1/reports", object: report).status == 201)
        report["title"] = "Council failed to review care charges properly"
        let replaced = try api.send("POST", "/v1/reports", object: report)
        #expect(replaced.status == 200)
        #expect(
            try api.object(try api.get("/v1/reports/knowsley-care-charges"))["title"] as? String
                == "Council failed to review care charges properly")
    }

    @Test(arguments: TestEngine.allCases) func serviceImprovementIsStoredWithItsActionsInOrder(engine: TestEngine)
        throws
    {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send("POST", "/v1/service-improvements", object: WriteFixtures.serviceImprovement)
        #expect(response.status == 201)
        #expect(response.header("Location") == "/v1/service-improvements/24654321")
        let list = try api.object(try api.get("/v1/councils/knowsley/service-improvements?limit=100"))
        let stored = (list["items"] as? [[String: Any]] ?? []).first { $0["reference"] as? String == "24 654 321" }
        #expect(stored?["actions"] as? [String] == ["Remind staff of the allocation rules.", "Review the policy."])
    }

    @Test(arguments: TestEngine.allCases) func annualLetterIsStoredAsALinkOrText(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send("POST", "/v1/annual-letters", object: WriteFixtures.annualLetter)
        #expect(response.status == 201)
        #expect(response.header("Location") == "/v1/councils/knowsley/annual-letters/2019-20")
        var text = WriteFixtures.annualLetter
        text["url"] = nil
        text["text"] = "Dear Chief Executive,\n\nThis letter summarises…"
        let replaced = try api.send("POST", "/v1/annual-letters", object: text)
        #expect(replaced.status == 200)
        #expect(try api.object(replaced)["url"] is NSNull)
    }

    @Test(arguments: TestEngine.allCases) func publishedAverageAcceptsRatesAsFractionsAndCountsAbove1(
        engine: TestEngine
    ) throws {
        let api = try LiveAPI.writable(engine: engine)
        let rate = try api.send("POST", "/v1/published-averages", object: WriteFixtures.publishedAverage)
        #expect(rate.status == 201)
        #expect(rate.header("Location") == "/v1/published-averages/2019-20/unitary/upheld_rate")
        var perResident = WriteFixtures.publishedAverage
        perResident["metric"] = "upheld_per_100k"
        perResident["value"] = 4.7
        let count = try api.send("POST", "/v1/published-averages", object: perResident)
        #expect(count.status == 201)
        #expect(try api.object(count)["value"] as? Double == 4.7)
    }
}
