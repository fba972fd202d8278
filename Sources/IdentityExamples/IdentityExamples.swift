/// Test-only: the one table of valid and invalid examples each identity rule is held to.
///
/// `DomainTests` holds each `Domain` type to it, and `RepositoriesTests` holds each SQL CHECK of
/// both engines to the very same rows, so the types and the schemas cannot drift apart again.
/// Valid examples are in normal form (what the database stores).
public enum IdentityExamples {
    public static let validCouncilIDs = [
        "knowsley", "st-helens", "westmorland-and-furness", "a1", String(repeating: "a", count: 100),
    ]
    public static let invalidCouncilIDs = [
        "", "st.-helens", "St-Helens", "-knowsley", "knowsley-", "st--helens", "st helens", "e08000011",
        "knowsley.", "st_helens", String(repeating: "a", count: 101),
    ]

    public static let validGSSCodes = ["E08000011", "W06000001", "S12000033", "N09000001"]
    public static let invalidGSSCodes = [
        "", "e08000011", "A08000011", "E0800001", "E080000111", "E0800001X", " E08000011",
    ]

    /// Normal form only: the other spellings (`23 008 737`) are input, never stored.
    public static let validCaseReferences = ["23008737", "00000000", "99999999"]
    public static let invalidCaseReferences = [
        "", "2300873", "230087370", "23 008 737", "23-008-737", "2300873a", "２３００８７３７",
    ]

    public static let validReportIDs = [
        "knowsley-2024-06-30-care-fees-1a2b3c4d", "a", "report_1.2", "x.y_z-0", String(repeating: "a", count: 200),
    ]
    public static let invalidReportIDs = [
        "", "st.-helens-2024-05-01", "Knowsley-2024", "-report", "report-", ".report", "report_", "a..b", "a b",
        "a/b", String(repeating: "a", count: 201),
    ]
}
