import Domain
import Testing

@Suite struct FinancialYearTests {
    @Test func parsesAndPrintsTheOmbudsmanForm() throws {
        let year = try #require(FinancialYear("2024-25"))
        #expect(year.startYear == 2024)
        #expect(year.description == "2024-25")
        #expect(year.start.iso == "2024-04-01")
        #expect(year.end.iso == "2025-03-31")
        #expect(try #require(FinancialYear("1999-00")).description == "1999-00")
        #expect(try #require(FinancialYear("2009-10")).description == "2009-10")
    }

    @Test(arguments: ["2024-2025", "2024-26", "2024", "24-25", "2024-5", "abcd-ef", "", "2024-25 ", "２０２４-25"])
    func refusesOtherSpellings(_ text: String) {
        #expect(FinancialYear(text) == nil)
    }

    @Test func dateBelongsToTheYearStartingOnThePreviousFirstOfApril() throws {
        #expect(FinancialYear(containing: try #require(CalendarDate(iso: "2025-03-31"))).description == "2024-25")
        #expect(FinancialYear(containing: try #require(CalendarDate(iso: "2025-04-01"))).description == "2025-26")
        #expect(FinancialYear(containing: try #require(CalendarDate(iso: "2024-04-01"))).description == "2024-25")
        let year = try #require(FinancialYear("2024-25"))
        #expect(year.contains(try #require(CalendarDate(iso: "2024-12-31"))))
        #expect(!year.contains(try #require(CalendarDate(iso: "2024-03-31"))))
    }
}
