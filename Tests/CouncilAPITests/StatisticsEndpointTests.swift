import Foundation
import HTTPTestSupport
import StoreTestSupport
import Testing

/// The league table of a council type and a council's history, over a socket.
@Suite struct StatisticsEndpointTests {
    private func councilID(_ row: [String: Any]) -> String? {
        (row["council"] as? [String: Any])?["id"] as? String
    }

    private func upheldRate(_ row: [String: Any]) -> Double? {
        (row["upheld"] as? [String: Any])?["rate"] as? Double
    }

    @Test(arguments: TestEngine.allCases) func theLeagueTableRanksOneTypeByUpheldRate(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/v1/statistics?type=metropolitan_borough&sort=-upheld_rate")
        #expect(response.status == 200)
        let body = try api.object(response)
        #expect(body["year"] as? String == "2024-25")
        #expect(body["council_type"] as? String == "metropolitan_borough")
        #expect(body["sort"] as? String == "-upheld_rate")
        #expect(body["next_cursor"] is NSNull)
        let rows = try api.items(response)
        #expect(rows.compactMap(councilID) == ["knowsley", "sefton", "liverpool"])
        for row in rows {
            #expect((row["council"] as? [String: Any])?["type"] as? String == "metropolitan_borough")
        }
        let rates = rows.compactMap(upheldRate)
        #expect(rates.count == rows.count)
        #expect(rates == rates.sorted(by: >))
        #expect(rates.first == 1.0)
        #expect(body[path: "averages.group_size"] as? Int == 3)
        #expect(body[path: "averages.published.upheld_rate"] as? Double == 0.81)
    }

    @Test(arguments: TestEngine.allCases) func ascendingIsTheReverseOrder(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let descending = try api.items(try api.get("/v1/statistics?type=metropolitan_borough&sort=-upheld_rate"))
        let ascending = try api.items(try api.get("/v1/statistics?type=metropolitan_borough&sort=upheld_rate"))
        #expect(ascending.compactMap(councilID) == descending.compactMap(councilID).reversed())
    }

    @Test(arguments: TestEngine.allCases) func theLeagueTablePagesInTheSameOrder(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let base = "/v1/statistics?type=metropolitan_borough&sort=-upheld_rate&limit=1"
        var target = base
        var order: [String] = []
        while true {
            let response = try api.get(target)
            try #require(response.status == 200, "\(response.text)")
            let rows = try api.items(response)
            #expect(rows.count == 1)
            order += rows.compactMap(councilID)
            guard let cursor = try api.object(response)["next_cursor"] as? String else {
                #expect(response.header("Link") == nil)
                break
            }
            #expect(response.header("Link")?.contains("cursor=\(cursor)") == true)
            target = base + "&cursor=\(cursor)"
        }
        #expect(order == ["knowsley", "sefton", "liverpool"])
    }

    /// Found by schemathesis: the rows used to be documented with the year and period that only
    /// the table itself carries.
    @Test(arguments: TestEngine.allCases) func leagueRowsHaveExactlyTheDocumentedMembers(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let document = try api.object(try api.get("/openapi.json"))
        let schema = try #require(document[path: "components.schemas.LeagueTableRow"] as? [String: Any])
        let required = Set(try #require(schema["required"] as? [String]))
        let documented = Set(try #require(schema["properties"] as? [String: Any]).keys)
        for row in try api.items(try api.get("/v1/statistics?type=county")) {
            #expect(Set(row.keys) == required)
            #expect(Set(row.keys) == documented)
        }
    }

    @Test(arguments: TestEngine.allCases) func aYearWithoutDecisionsIsAnEmptyTable(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/v1/statistics?type=county&year=2001-02")
        #expect(response.status == 200)
        #expect(try api.items(response).isEmpty)
    }

    /// With no decisions at all there is no latest year to default to: a documented 404.
    @Test(arguments: TestEngine.allCases) func anEmptyStoreHasNoDefaultYear(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine, loadDemo: false)
        try expectProblem(try api.get("/v1/statistics?type=county"), status: 404, type: "/problems/not-found")
        #expect(try api.items(try api.get("/v1/statistics?type=county&year=2024-25")).isEmpty)
        let document = try api.object(try api.get("/openapi.json"))
        #expect(document[path: "paths./v1/statistics.get.responses.404"] != nil)
    }

    @Test(arguments: TestEngine.allCases) func theHistoryIsOldestFirstAndEndsWithTheOverview(engine: TestEngine) throws
    {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/v1/councils/knowsley/statistics/history")
        #expect(response.status == 200)
        let body = try api.object(response)
        #expect(body[path: "council.id"] as? String == "knowsley")
        let items = try api.items(response)
        let years = items.compactMap { $0["year"] as? String }
        #expect(years.count == items.count && years.count >= 2)
        #expect(years == years.sorted())
        #expect(Set(years).count == years.count)
        #expect(years.last == "2024-25")
        let latest = try #require(items.last)
        #expect(latest[path: "complaints.dealt_with"] as? Int == 35)
        #expect(latest[path: "upheld.count"] as? Int == 4)
        #expect(latest[path: "comparison.council_type"] as? String == "metropolitan_borough")
    }

    @Test(arguments: TestEngine.allCases) func theOverviewDefaultsToTheLatestYear(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let body = try api.object(try api.get("/v1/councils/E08000011/statistics"))
        #expect(body["year"] as? String == "2024-25")
        #expect(body[path: "council.id"] as? String == "knowsley")
    }
}
