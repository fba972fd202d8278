import Foundation
import HTTPTestSupport
import StoreTestSupport
import Testing

/// Ids the API served before they were cleaned (the register's `st.-helens`) keep working over a
/// socket: the council is found under its clean id and served, not redirected (yet).
@Suite struct OldCouncilIDTests {
    @Test(arguments: TestEngine.allCases) func anUncleanIDIsAnsweredUnderItsCleanID(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let clean = try api.get("/v1/councils/knowsley")
        #expect(clean.status == 200)
        let old = try api.get("/v1/councils/knowsley.")
        #expect(old.status == 200)
        #expect(old.body == clean.body)
        #expect(try api.get("/v1/councils/.-.").status == 404)
    }

    /// A report id migration 0003 cleaned (`st.-helens-…` → `st-helens-…`) is still answered at
    /// its old address.
    @Test(arguments: TestEngine.allCases) func anUncleanReportIDIsAnsweredUnderItsCleanID(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let ids = try api.items(try api.get("/v1/reports")).compactMap { $0["id"] as? String }
        let id = try #require(ids.first { $0.contains("-") && !$0.contains(".") && !$0.contains("_") }, "\(ids)")
        let clean = try api.get("/v1/reports/\(id)")
        #expect(clean.status == 200)
        let unclean = id.replacingOccurrences(of: "-", with: ".-")
        let old = try api.get("/v1/reports/\(unclean)")
        #expect(old.status == 200, "\(unclean)")
        #expect(old.body == clean.body)
        #expect(try api.get("/v1/reports/.-.").status == 404)
    }
}
