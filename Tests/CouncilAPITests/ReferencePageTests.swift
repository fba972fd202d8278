import Foundation
import StoreTestSupport
import Testing

/// Every figure of the Ombudsman's Knowsley page (../shared/reference) for 2024-25, read from the
/// running API over a socket.
@Suite struct ReferencePageTests {
    @Test(arguments: TestEngine.allCases) func knowsleyOverviewMatchesThePublishedPage(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/v1/councils/knowsley/statistics?year=2024-25")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        let body = try api.object(response)

        #expect(body[path: "council.id"] as? String == "knowsley")
        #expect(body[path: "council.name"] as? String == "Knowsley Metropolitan Borough Council")
        #expect(body[path: "council.type"] as? String == "metropolitan_borough")
        #expect(body[path: "year"] as? String == "2024-25")
        #expect(body[path: "period.start"] as? String == "2024-04-01")
        #expect(body[path: "period.end"] as? String == "2025-03-31")
        // "we dealt with 35 complaints. Of these, 12 were not for us … assessed and closed 19 … investigated 4"
        #expect(body[path: "complaints.dealt_with"] as? Int == 35)
        #expect(body[path: "complaints.not_for_us"] as? Int == 12)
        #expect(body[path: "complaints.assessed_and_closed"] as? Int == 19)
        #expect(body[path: "complaints.investigated"] as? Int == 4)
        // "We investigated 4 complaints and upheld 4. 100% of complaints we investigated were upheld."
        #expect(body[path: "upheld.count"] as? Int == 4)
        #expect(body[path: "upheld.rate"] as? Double == 1.0)
        // Per 100,000 residents from the register's population (the page's 2.5 used another figure).
        #expect(body[path: "upheld.population"] as? Int == 152_452)
        #expect(body[path: "upheld.population_year"] as? Int == 2020)
        let per100k = try #require(body[path: "upheld.per_100k"] as? Double)
        #expect(abs(per100k - 4.0 / 152_452.0 * 100_000.0) < 1e-9)
        // "In 0 out of 4 upheld cases … satisfactory remedy … 0% satisfactory remedy rate."
        #expect(body[path: "remedy.count"] as? Int == 0)
        #expect(body[path: "remedy.rate"] as? Double == 0.0)
        // "We recorded compliance outcomes in 4 cases … 100% compliance rate"
        #expect(body[path: "compliance.recorded"] as? Int == 4)
        #expect(body[path: "compliance.count"] as? Int == 4)
        #expect(body[path: "compliance.rate"] as? Double == 1.0)
        // "This compares to an average of 81% … 4.7 upheld decisions per 100,000 … 13% … 100%"
        #expect(body[path: "comparison.council_type"] as? String == "metropolitan_borough")
        #expect(body[path: "comparison.published.upheld_rate"] as? Double == 0.81)
        #expect(body[path: "comparison.published.upheld_per_100k"] as? Double == 4.7)
        #expect(body[path: "comparison.published.remedy_rate"] as? Double == 0.13)
        #expect(body[path: "comparison.published.compliance_rate"] as? Double == 1.0)
    }

    @Test(arguments: TestEngine.allCases) func knowsleyServiceImprovementsAreTheTenOfThePage(engine: TestEngine) throws
    {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/v1/councils/knowsley/service-improvements?as_of=2025-03-31")
        #expect(response.status == 200)
        let items = try #require(try api.object(response)["items"] as? [[String: Any]])
        #expect(
            items.compactMap { $0["reference"] as? String } == [
                "23 008 737", "23 005 717", "22 017 318", "22 014 796", "22 011 836", "21 013 145", "21 001 821",
                "20 009 055", "20 003 378", "19 018 438",
            ])
        #expect(items.first?["category"] as? String == "Adult care services")
        #expect(items.first?["subcategory"] as? String == "Assessment and care plan")
        #expect((items.first?["actions"] as? [String])?.count == 2)
    }

    @Test(arguments: TestEngine.allCases) func knowsleyReportsAreTheTwoOfThePage(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/v1/councils/knowsley/reports?as_of=2025-03-31")
        let items = try #require(try api.object(response)["items"] as? [[String: Any]])
        #expect(
            Set(items.compactMap { $0["title"] as? String }) == [
                "Care should be based on assessed need says LGO",
                "Knowsley council did not review vulnerable man’s situation properly",
            ])
    }
}
