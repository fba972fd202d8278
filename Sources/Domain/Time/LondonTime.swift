/// The civil date in England for an instant, without a time-zone database.
///
/// "Today" for the Ombudsman is today in England: between midnight and 1 am in summer, UTC is
/// still on the day before. The United Kingdom's rule since 1996 (British Summer Time from 01:00
/// UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, GMT otherwise) is
/// computed here rather than read from tzdata, so the answer does not depend on what the server
/// image has installed and a test can check it at any instant.
public enum LondonTime {
    /// The offset from UTC, in seconds, in force in London at `unixSeconds`: 3600 in summer, else 0.
    public static func offset(atUnixSeconds unixSeconds: Int) -> Int {
        let utcDate = CalendarDate(daysSinceEpoch: floorDivide(unixSeconds, 86_400))
        let start = changeover(year: utcDate.year, month: 3)
        let end = changeover(year: utcDate.year, month: 10)
        return (start..<end).contains(unixSeconds) ? 3600 : 0
    }

    /// The date in London at `unixSeconds`.
    public static func date(atUnixSeconds unixSeconds: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: floorDivide(unixSeconds + offset(atUnixSeconds: unixSeconds), 86_400))
    }

    /// 01:00 UTC on the last Sunday of `month` in `year`, in seconds since the epoch.
    static func changeover(year: Int, month: Int) -> Int {
        let lastDay = CalendarDate(year: year, month: month, day: 31)?.daysSinceEpoch ?? 0
        // 1970-01-01 was a Thursday; weekday 0 = Sunday.
        let weekday = ((lastDay + 4) % 7 + 7) % 7
        return (lastDay - weekday) * 86_400 + 3600
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
