import CouncilAPI
import Domain
import HTTPTestSupport
import JSON
import StoreTestSupport
import Testing

/// "Today" is today in England: at 23:30 UTC on 1 July 2025 it is 00:30 on 2 July in London, and
/// the server (with the instant injected through its configuration) takes 2 July as today.
@Suite struct LondonTodayTests {
    /// 2025-07-01T23:30:00Z.
    static let halfPastMidnightInLondon = 1_751_412_600

    static func api(_ engine: TestEngine) throws -> LiveAPI {
        try LiveAPI(
            engine: engine,
            configuration: APIConfiguration(
                apiTokens: [LiveAPI.writeToken], clock: .london { halfPastMidnightInLondon }))
    }

    @Test(arguments: TestEngine.allCases) func aDecisionDatedTheLondonDateIsAccepted(engine: TestEngine) throws {
        let api = try Self.api(engine)
        var complaint = WriteFixtures.complaint
        complaint["received"] = "2025-07-01"
        complaint["decided"] = "2025-07-02"
        let response = try api.send("POST", "/v1/complaints", object: complaint)
        #expect(response.status == 201)

        complaint["reference"] = "24 123 457"
        complaint["decided"] = "2025-07-03"
        let future = try api.send("POST", "/v1/complaints", object: complaint)
        #expect(future.status == 422)
        #expect(try api.errorMessages(future) == ["must not be in the future (today is 2025-07-02)"])
    }

    @Test(arguments: TestEngine.allCases) func theReportWindowEndsAndStartsOnTheLondonDate(engine: TestEngine) throws {
        let api = try Self.api(engine)
        let reports = [("25000001", "2025-07-02"), ("15000001", "2015-07-02"), ("15000002", "2015-07-03")]
        for (reference, published) in reports {
            var report = WriteFixtures.report
            report["reference"] = .string(reference)
            report["published"] = .string(published)
            let created = try api.send("POST", "/v1/reports", object: report)
            #expect(created.status == 201, "\(published): \(created.status)")
        }
        let listed = try api.get("/v1/reports?council=knowsley&limit=100")
        let dates = try api.items(listed).compactMap { $0["published"] as? String }
        #expect(dates.contains("2025-07-02"))
        #expect(dates.contains("2015-07-03"))
        #expect(!dates.contains("2015-07-02"))
    }
}
