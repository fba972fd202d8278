/// The Ombudsman's reporting year, 1 April to 31 March, written `2024-25`.
///
/// Identified by the calendar year it starts in. The written form is checked strictly
/// (`2024-25`, not `2024-2025` or `2024-26`) so that a typo is a 400, not an empty answer.
public struct FinancialYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let startYear: Int

    /// The start years the API can name: `1900-01` to `9998-99` (four-digit years on both sides).
    public static let supportedStartYears = 1900...9998

    /// The earliest year the API names. Every date a record stores must fall in a year that can
    /// be named (see `CalendarDate.earliestRecorded`), or the read side would meet a year it cannot
    /// write (`127-28`) after the write side accepted it.
    public static let earliest = FinancialYear(checkedStartYear: supportedStartYears.lowerBound)

    public init?(startYear: Int) {
        guard Self.supportedStartYears.contains(startYear) else { return nil }
        self.startYear = startYear
    }

    private init(checkedStartYear: Int) {
        self.startYear = checkedStartYear
    }

    /// The year that contains `date`: dates from 1 April belong to the year starting then. Only a
    /// date from `CalendarDate.earliestRecorded` on gives a year `init?(startYear:)` would accept;
    /// inputs refuse earlier dates.
    public init(containing date: CalendarDate) {
        self.startYear = date.month >= 4 ? date.year : date.year - 1
    }

    /// Parses `YYYY-YY` where the second part is the year after the first.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber),
            parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber),
            let start = Int(parts[0]), let end = Int(parts[1]), (start + 1) % 100 == end
        else { return nil }
        self.init(startYear: start)
    }

    /// 1 April of the start year.
    public var start: CalendarDate { CalendarDate(year: startYear, month: 4, day: 1) ?? Self.fallback }
    /// 31 March of the following year.
    public var end: CalendarDate { CalendarDate(year: startYear + 1, month: 3, day: 31) ?? Self.fallback }

    public func contains(_ date: CalendarDate) -> Bool { date >= start && date <= end }

    public var previous: FinancialYear { FinancialYear(startYear: startYear - 1) ?? self }
    public var next: FinancialYear { FinancialYear(startYear: startYear + 1) ?? self }

    public var description: String {
        let end = (startYear + 1) % 100
        return "\(startYear)-\(end < 10 ? "0" : "")\(end)"
    }

    public static func < (a: FinancialYear, b: FinancialYear) -> Bool { a.startYear < b.startYear }

    // Unreachable for years accepted by init; keeps the accessors total without force-unwrapping.
    private static let fallback = CalendarDate(daysSinceEpoch: 0)
}

extension CalendarDate {
    /// The earliest date a record may carry: 1 April 1900, the first day of the earliest reporting
    /// year the API can name. Older dates are refused on input (they could only be typos, such as
    /// 0127 for 2017) so that every stored decision has a reporting year the API can write.
    public static let earliestRecorded = FinancialYear.earliest.start
}
