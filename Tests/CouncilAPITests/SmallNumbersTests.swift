import Foundation
import HTTPTestSupport
import Repositories
import StoreTestSupport
import Testing

@testable import CouncilAPI

/// Rates resting on few cases are said to be so (`small_numbers`), in JSON and CSV; the league
/// table can leave such councils out (`min_investigated`); averages count whom they left out.
@Suite struct SmallNumbersTests {
    private static let league = "/v1/statistics?type=metropolitan_borough&year=2024-25&limit=100"

    private static func api(_ engine: TestEngine = .sqlite, threshold: Int) throws -> LiveAPI {
        var configuration = APIConfiguration(clock: .fixed(DemoDataset.asOf))
        configuration.smallNumberThreshold = threshold
        return try LiveAPI(engine: engine, configuration: configuration)
    }

    private static func int(_ row: [String: Any], _ path: String) -> Int? { row[path: path] as? Int }

    /// Each flag says exactly whether its denominator is below the threshold.
    @Test(arguments: TestEngine.allCases, [0, 3, 10, 1000])
    func everyRateSaysWhetherItRestsOnFewCases(engine: TestEngine, threshold: Int) throws {
        let api = try Self.api(engine, threshold: threshold)
        let rows = try api.items(try api.get(Self.league))
        #expect(!rows.isEmpty)
        for row in rows {
            let investigated = try #require(Self.int(row, "complaints.investigated"))
            let upheld = try #require(Self.int(row, "upheld.count"))
            let recorded = try #require(Self.int(row, "compliance.recorded"))
            #expect(row[path: "upheld.small_numbers"] as? Bool == (investigated < threshold))
            #expect(row[path: "upheld.per_100k_small_numbers"] as? Bool == (upheld < threshold))
            #expect(row[path: "remedy.small_numbers"] as? Bool == (upheld < threshold))
            #expect(row[path: "compliance.small_numbers"] as? Bool == (recorded < threshold))
        }
        let overview = try api.object(try api.get("/v1/councils/knowsley/statistics?year=2024-25"))
        let investigated = try #require(Self.int(overview, "complaints.investigated"))
        #expect(overview[path: "upheld.small_numbers"] as? Bool == (investigated < threshold))
    }

    /// The averages leave out councils whose rate rests on small numbers, and say how many.
    @Test(arguments: TestEngine.allCases) func averagesCountWhomTheyLeftOut(engine: TestEngine) throws {
        let everyone = try Self.api(engine, threshold: 0)
        let strict = try Self.api(engine, threshold: 1000)
        let all = try everyone.object(try everyone.get(Self.league))
        let few = try strict.object(try strict.get(Self.league))
        let counted = try #require(all[path: "averages.computed.mean.counted.upheld_rate"] as? Int)
        #expect(counted > 0)
        #expect(all[path: "averages.computed.mean.left_out_small_numbers.upheld_rate"] as? Int == 0)
        // Every metropolitan borough has fewer than 1,000 investigations: all are left out.
        #expect(few[path: "averages.computed.mean.counted.upheld_rate"] as? Int == 0)
        #expect(few[path: "averages.computed.mean.left_out_small_numbers.upheld_rate"] as? Int == counted)
        #expect(few[path: "averages.computed.mean.upheld_rate"] is NSNull)
        // Upheld per 100,000 leaves nobody out (its denominator is a population).
        #expect(few[path: "averages.computed.mean.left_out_small_numbers.upheld_per_100k"] as? Int == 0)
        #expect(
            few[path: "averages.computed.mean.upheld_per_100k"] as? Double
                == all[path: "averages.computed.mean.upheld_per_100k"] as? Double)
    }

    /// `min_investigated` narrows the rows, never the averages.
    @Test(arguments: TestEngine.allCases) func theLeagueTableCanLeaveOutCouncilsWithFewInvestigations(
        engine: TestEngine
    ) throws {
        let api = try Self.api(engine, threshold: 10)
        let all = try api.items(try api.get(Self.league))
        let counts = all.compactMap { Self.int($0, "complaints.investigated") }
        let minimum = try #require(counts.sorted().dropFirst().first, "two councils or more to filter between")
        let response = try api.get(Self.league + "&min_investigated=\(minimum)")
        #expect(response.status == 200)
        let kept = try api.items(response)
        #expect(kept.count == counts.filter { $0 >= minimum }.count)
        #expect(kept.count < all.count)
        #expect(kept.allSatisfy { (Self.int($0, "complaints.investigated") ?? -1) >= minimum })
        let whole = try api.object(try api.get(Self.league))
        let narrowed = try api.object(response)
        #expect(
            narrowed[path: "averages.computed.mean.upheld_rate"] as? Double
                == whole[path: "averages.computed.mean.upheld_rate"] as? Double)
        #expect(try api.items(try api.get(Self.league + "&min_investigated=0")).count == all.count)
    }

    @Test(arguments: ["-1", "x", "1.5", "1000000001"]) func aBadMinimumIsNamed(_ value: String) throws {
        let api = try Self.api(threshold: 10)
        let response = try api.get(Self.league + "&min_investigated=\(value)")
        try expectProblem(response, status: 400, type: ProblemType.invalidParameter.uri)
        #expect(response.text.contains("min_investigated"))
    }

    /// The CSV answers carry one flag column per rate, true or false.
    @Test(arguments: TestEngine.allCases) func csvHasAFlagColumnPerRate(engine: TestEngine) throws {
        let api = try Self.api(engine, threshold: 10)
        let json = try api.items(try api.get(Self.league))
        let (header, rows) = csvRows(try api.get(Self.league + "&format=csv"))
        for column in [
            "upheld_rate_small_numbers", "upheld_per_100k_small_numbers", "remedy_rate_small_numbers",
            "compliance_rate_small_numbers",
        ] {
            #expect(header.contains(column))
        }
        #expect(rows.count == json.count)
        for (row, item) in zip(rows, json) {
            let flag = try #require(item[path: "upheld.small_numbers"] as? Bool)
            #expect(row["upheld_rate_small_numbers"] == String(flag))
        }
        let (_, overview) = csvRows(try api.get("/v1/councils/knowsley/statistics?year=2024-25&format=csv"))
        #expect(["true", "false"].contains(overview.first?["compliance_rate_small_numbers"] ?? ""))
    }
}
