import Domain
import Foundation
import Testing

@Suite struct LondonTimeTests {
    private static func instant(_ iso: String) throws -> Int {
        let formatter = ISO8601DateFormatter()
        let date = try #require(formatter.date(from: iso))
        return Int(date.timeIntervalSince1970)
    }

    @Test(arguments: [
        ("2025-07-01T23:30:00Z", "2025-07-02"),  // 00:30 BST: London is already on the next day
        ("2025-07-01T22:59:59Z", "2025-07-01"),
        ("2025-12-31T23:30:00Z", "2025-12-31"),  // GMT in winter: the same day as UTC
        ("2025-03-30T00:59:59Z", "2025-03-30"),  // the last second of GMT in 2025
        ("2025-03-29T23:30:00Z", "2025-03-29"),
        ("2025-03-30T23:30:00Z", "2025-03-31"),  // BST began at 01:00 UTC that day
        ("2025-10-25T23:30:00Z", "2025-10-26"),  // still BST: it ends at 01:00 UTC on the 26th
        ("2025-10-26T23:30:00Z", "2025-10-26"),
    ])
    func theDateInLondon(_ utc: String, _ london: String) throws {
        #expect(LondonTime.date(atUnixSeconds: try Self.instant(utc)).iso == london)
    }

    /// The rule agrees with the system's time-zone database around every changeover from 1996 to
    /// 2037, a quarter of an hour at a time.
    @Test func agreesWithTheTimeZoneDatabase() throws {
        let zone = try #require(TimeZone(identifier: "Europe/London"))
        for year in 1996...2037 {
            for month in [3, 10] {
                let changeover = try #require(CalendarDate(year: year, month: month, day: 31))
                let base = changeover.adding(days: -7).daysSinceEpoch * 86_400
                for step in 0..<(8 * 96) {
                    let seconds = base + step * 900
                    let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
                    #expect(LondonTime.offset(atUnixSeconds: seconds) == expected, "at \(seconds)")
                }
            }
        }
    }

    @Test func theLondonClockGivesTheLondonDate() throws {
        let seconds = try Self.instant("2025-07-01T23:30:00Z")
        #expect(Clock.london { seconds }.today.iso == "2025-07-02")
    }
}
