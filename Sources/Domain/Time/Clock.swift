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

    /// Today in England (Europe/London) from the system clock: after midnight in summer it is
    /// already tomorrow there while UTC is still on today.
    public static let system = london { Int(time(nil)) }

    /// Today in England at the instant `unixSeconds` gives (seconds since 1970 UTC). Tests inject a
    /// fixed instant to stand at 00:30 in London while UTC is still on the day before.
    public static func london(unixSeconds: @escaping @Sendable () -> Int) -> Clock {
        Clock { LondonTime.date(atUnixSeconds: unixSeconds()) }
    }

    /// A clock stopped on one day, for tests.
    public static func fixed(_ date: CalendarDate) -> Clock { Clock { date } }
}
