import Domain
import Testing

@Suite struct ComplaintTests {
    func complaint(_ outcome: Outcome) throws -> Complaint {
        Complaint(
            reference: try #require(CaseReference("24 000 001")), councilID: "knowsley",
            decided: try #require(CalendarDate(iso: "2024-06-01")), category: "Education", outcome: outcome)
    }

    @Test func remedyAndComplianceOnlyOnUpheld() throws {
        var c = try complaint(.notUpheld)
        c.remedyBeforeOmbudsman = false
        c.compliance = .complied
        #expect(c.consistencyErrors.map(\.field) == ["remedy_before_ombudsman", "compliance"])
        c.outcome = .upheld
        #expect(c.consistencyErrors.isEmpty)
    }

    @Test func decidedNotBeforeReceived() throws {
        var c = try complaint(.upheld)
        c.received = CalendarDate(iso: "2024-06-02")
        #expect(c.consistencyErrors.map(\.field) == ["decided"])
    }

    @Test func tallyCountsEachKind() throws {
        var tally = DecisionTally(councilID: "knowsley", year: try #require(FinancialYear("2024-25")))
        var upheld = try complaint(.upheld)
        upheld.remedyBeforeOmbudsman = true
        upheld.compliance = .notComplied
        tally.count(upheld)
        tally.count(try complaint(.notForUs))
        #expect(tally.upheld == 1 && tally.remediedBeforeOmbudsman == 1 && tally.notComplied == 1)
        #expect(tally.notForUs == 1 && tally.complied == 0)
    }
}
