#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where "today" comes from. Injected rather than read from the system clock inside the logic, so
/// that "published in the last ten years" and "not decided in the future" are testable and an
/// `as_of` query can move today.
public struct Clock: Sendable {
    private let todayProvider: @Sendable () -> CalendarDate

    public init(today: @escaping @Sendable () -> CalendarDate) {
        self.todayProvider = today
    }

    public var today: CalendarDate { todayProvider() }

    /// Today in UTC from the system clock.
    public static let system = Clock {
        CalendarDate(daysSinceEpoch: Int(time(nil)) / 86_400)
    }

    /// A clock stopped on one day, for tests.
    public static func fixed(_ date: CalendarDate) -> Clock { Clock { date } }
}
