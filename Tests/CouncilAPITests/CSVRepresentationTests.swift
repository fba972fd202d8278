import Foundation
import HTTPTestSupport
import StoreTestSupport
import Testing

/// Lists and statistics as CSV, asked for by `Accept: text/csv` or `format=csv`: a header row, and
/// figures rounded as the Ombudsman's page rounds them.
@Suite struct CSVRepresentationTests {
    @Test(
        arguments: TestEngine.allCases,
        [
            ("/v1/complaints?limit=3", [("Accept", "text/csv")]),
            ("/v1/complaints?limit=3&format=csv", []),
            ("/v1/complaints?limit=3&format=csv", [("Accept", "application/json")]),
        ])
    func aListAsCSV(engine: TestEngine, _ request: (target: String, headers: [(String, String)])) throws {
        let (target, headers) = request
        let api = try LiveAPI(engine: engine)
        let response = try api.get(target, headers: headers)
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/csv") == true)
        #expect(response.header("Content-Disposition")?.contains("complaints.csv") == true)
        #expect(response.header("Link")?.contains("format=csv") == target.contains("format=csv"))
        let (header, rows) = csvRows(response)
        #expect(header.first == "reference")
        #expect(header.contains("council") && header.contains("outcome") && header.contains("demo"))
        #expect(rows.count == 3)
        let json = try api.items(try api.get("/v1/complaints?limit=3"))
        #expect(rows.map { $0["reference"] } == json.map { $0["reference"] as? String })
    }

    @Test(arguments: TestEngine.allCases) func statisticsAsCSVRoundLikeThePage(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        for response in [
            try api.get("/v1/councils/knowsley/statistics?year=2024-25", headers: [("Accept", "text/csv")]),
            try api.get("/v1/councils/knowsley/statistics?year=2024-25&format=csv"),
        ] {
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("text/csv") == true)
            let (header, rows) = csvRows(response)
            #expect(header.prefix(4) == ["council", "council_name", "council_type", "year"])
            let row = try #require(rows.first)
            #expect(rows.count == 1)
            #expect(row["council"] == "knowsley")
            #expect(row["dealt_with"] == "35")
            #expect(row["upheld"] == "4")
            #expect(row["upheld_rate"] == "100%")  // 4 of 4
            #expect(row["upheld_per_100k"] == "2.6")  // 4 / 152,452 × 100,000 = 2.62…
            #expect(row["remedy_rate"] == "0%")
            #expect(row["compliance_rate"] == "100%")
            #expect(row["published_upheld_rate"] == "81%")
            #expect(row["published_upheld_per_100k"] == "4.7")
        }
    }

    @Test(arguments: TestEngine.allCases) func theLeagueTableAsCSVKeepsItsOrder(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/v1/statistics?type=metropolitan_borough&sort=-upheld_rate&format=csv")
        #expect(response.status == 200)
        let councils = csvRows(response).rows.compactMap { $0["council"] }
        let json = try api.items(try api.get("/v1/statistics?type=metropolitan_borough&sort=-upheld_rate"))
        #expect(councils == json.compactMap { ($0["council"] as? [String: Any])?["id"] as? String })
        #expect(councils.count == 3)
    }

    @Test(arguments: TestEngine.allCases) func theHistoryAsCSVHasOneRowPerYear(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/v1/councils/knowsley/statistics/history", headers: [("Accept", "text/csv")])
        #expect(response.status == 200)
        let years = csvRows(response).rows.compactMap { $0["year"] }
        #expect(years == years.sorted())
        #expect(years.last == "2024-25")
    }

    @Test(arguments: TestEngine.allCases) func qualityValuesPickTheRepresentation(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let csv = try api.get("/v1/councils?limit=1", headers: [("Accept", "application/json;q=0.5, text/csv")])
        #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        let json = try api.get("/v1/councils?limit=1", headers: [("Accept", "text/csv;q=0.1, */*;q=0.9")])
        #expect(json.header("Content-Type") == "application/json")
    }

    @Test(arguments: TestEngine.allCases, ["application/xml", "text/html", "text/csv;q=0"])
    func anUnavailableRepresentationIs406(engine: TestEngine, _ accept: String) throws {
        let api = try LiveAPI(engine: engine)
        try expectProblem(
            try api.get("/v1/councils/knowsley/statistics", headers: [("Accept", accept)]), status: 406,
            type: "/problems/not-acceptable")
    }
}
