import Domain
import Testing

@Suite struct CalendarDateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "2025-03-31", "0001-01-01", "9999-12-31"])
    func acceptsRealDates(_ text: String) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.iso == text)
    }

    @Test(arguments: [
        "2023-02-29", "1900-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-1-01",
        "20250101", "2025-01-01T00:00", "", "abcd-ef-gh", "2025-01-0x", "+025-01-01", "0000-01-01",
    ])
    func refusesImpossibleOrMalformedDates(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func epochDayArithmeticRoundTrips() throws {
        let start = try #require(CalendarDate(iso: "1999-12-25"))
        for offset in stride(from: -5000, through: 20000, by: 37) {
            let moved = start.adding(days: offset)
            #expect(moved.daysSinceEpoch == start.daysSinceEpoch + offset)
            #expect(CalendarDate(iso: moved.iso) == moved)
        }
        #expect(CalendarDate(daysSinceEpoch: 0).iso == "1970-01-01")
        #expect(try #require(CalendarDate(iso: "2025-03-31")).daysSinceEpoch == 20178)
    }

    @Test func addingYearsClampsLeapDay() throws {
        let leap = try #require(CalendarDate(iso: "2024-02-29"))
        #expect(leap.adding(years: -10).iso == "2014-02-28")
        #expect(leap.adding(years: 4).iso == "2028-02-29")
    }
}
