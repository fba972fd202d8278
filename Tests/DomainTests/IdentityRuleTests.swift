import Domain
import Testing

/// The table of valid and invalid examples each identity rule is held to.
@Suite struct IdentityRuleTests {
    static let validCouncilIDs = [
        "knowsley", "st-helens", "westmorland-and-furness", "a1", String(repeating: "a", count: 100),
    ]
    static let invalidCouncilIDs = [
        "", "st.-helens", "St-Helens", "-knowsley", "knowsley-", "st--helens", "st helens", "e08000011",
        String(repeating: "a", count: 101),
    ]
    static let validGSSCodes = ["E08000011", "W06000001", "S12000033", "N09000001"]
    static let invalidGSSCodes = ["", "e08000011", "A08000011", "E0800001", "E080000111", "E0800001X"]

    @Test(arguments: validCouncilIDs) func councilIDAccepts(_ text: String) {
        #expect(CouncilID(parsing: text)?.normalForm == text)
    }

    @Test(arguments: invalidCouncilIDs) func councilIDRefuses(_ text: String) {
        #expect(CouncilID(parsing: text) == nil)
    }

    @Test func cleaningGivesTheCleanID() {
        #expect(CouncilID.cleaned("st.-helens") == "st-helens")
        #expect(CouncilID.cleaned("King's Lynn") == "kings-lynn")
        #expect(CouncilID.cleaned("knowsley") == "knowsley")
    }

    @Test(arguments: validGSSCodes) func gssCodeAccepts(_ text: String) {
        #expect(GSSCode(parsing: text)?.normalForm == text)
    }

    @Test(arguments: invalidGSSCodes) func gssCodeRefuses(_ text: String) {
        #expect(GSSCode(parsing: text) == nil)
    }
}
