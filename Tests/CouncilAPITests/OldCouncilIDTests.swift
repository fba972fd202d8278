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
}
