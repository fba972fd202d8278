import Testing

@testable import CouncilAPI

@Suite struct ETagTests {
    @Test func ifNoneMatchUsesWeakComparisonAndLists() {
        let tag = "\"7-abc\""
        #expect(ETagMiddleware.matches("\"7-abc\"", tag))
        #expect(ETagMiddleware.matches("W/\"7-abc\"", tag))
        #expect(ETagMiddleware.matches("\"1-x\", \"7-abc\"", tag))
        #expect(ETagMiddleware.matches("*", tag))
        #expect(!ETagMiddleware.matches("\"8-abc\"", tag))
        #expect(!ETagMiddleware.matches("", tag))
    }
}
