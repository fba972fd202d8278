import Domain
import IdentityExamples
import Testing

/// Each identity type held to the table of valid and invalid examples in `IdentityExamples`, the
/// same table `IdentityCheckConstraintTests` holds the SQL CHECKs of both engines to.
@Suite struct IdentityRuleTests {
    @Test(arguments: IdentityExamples.validCouncilIDs) func councilIDAccepts(_ text: String) {
        #expect(CouncilID(parsing: text)?.normalForm == text)
    }

    @Test(arguments: IdentityExamples.invalidCouncilIDs) func councilIDRefuses(_ text: String) {
        #expect(CouncilID(parsing: text) == nil)
    }

    @Test func cleaningGivesTheCleanID() {
        #expect(CouncilID.cleaned("st.-helens") == "st-helens")
        #expect(CouncilID.cleaned("King's Lynn") == "kings-lynn")
        #expect(CouncilID.cleaned("knowsley") == "knowsley")
    }

    @Test(arguments: IdentityExamples.validGSSCodes) func gssCodeAccepts(_ text: String) {
        #expect(GSSCode(parsing: text)?.normalForm == text)
    }

    @Test(arguments: IdentityExamples.invalidGSSCodes) func gssCodeRefuses(_ text: String) {
        #expect(GSSCode(parsing: text) == nil)
    }

    @Test(arguments: IdentityExamples.validCaseReferences) func caseReferenceAccepts(_ text: String) {
        #expect(CaseReference(parsing: text)?.normalized == text)
    }

    /// The table's invalid references are invalid as stored values; `23 008 737` and `23-008-737`
    /// are accepted input spellings whose normal form differs, which is what the CHECK refuses.
    @Test(arguments: IdentityExamples.invalidCaseReferences) func caseReferenceRefusesAsNormalForm(_ text: String) {
        #expect(CaseReference(parsing: text)?.normalized != text)
    }

    @Test func caseReferenceSpellingsAreOneReference() {
        #expect(CaseReference(parsing: "23 008 737")?.normalized == "23008737")
        #expect(CaseReference(parsing: "23-008-737")?.normalized == "23008737")
        #expect(CaseReference(parsing: "23 008-737") == nil)
    }

    @Test(arguments: IdentityExamples.validReportIDs) func reportIDAccepts(_ text: String) {
        #expect(ReportID(parsing: text)?.normalForm == text)
    }

    @Test(arguments: IdentityExamples.invalidReportIDs) func reportIDRefuses(_ text: String) {
        #expect(ReportID(parsing: text) == nil)
    }

    @Test func reportIDCleaning() {
        #expect(ReportID.cleaned("st.-helens-2024-05-01-x") == "st-helens-2024-05-01-x")
        #expect(ReportID.cleaned("report_1.2") == "report_1.2")
        #expect(ReportID.cleaned("-a..b_") == "a-b")
    }

    /// The published patterns say what the parsers do: checked on the table with the platform's
    /// regular expressions.
    @Test func patternsAgreeWithTheParsers() throws {
        let tables: [(String, [String], (String) -> Bool)] = [
            (CouncilID.pattern, IdentityExamples.validCouncilIDs, { CouncilID(parsing: $0) != nil }),
            (
                GSSCode.pattern, IdentityExamples.validGSSCodes + IdentityExamples.invalidGSSCodes,
                { GSSCode(parsing: $0) != nil }
            ),
            (
                CaseReference.pattern, IdentityExamples.validCaseReferences + IdentityExamples.invalidCaseReferences,
                { CaseReference(parsing: $0)?.normalized == $0 }
            ),
            (
                ReportID.pattern, IdentityExamples.validReportIDs + IdentityExamples.invalidReportIDs,
                { ReportID(parsing: $0) != nil }
            ),
        ]
        for (pattern, examples, parses) in tables {
            let regex = try Regex(pattern)
            for example in examples where example.utf8.count <= 200 {
                #expect((try regex.wholeMatch(in: example) != nil) == parses(example), "\(pattern) on '\(example)'")
            }
        }
    }
}
