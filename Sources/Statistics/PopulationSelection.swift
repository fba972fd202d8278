import Domain

/// Which population a year's per-100k figure is divided by.
///
/// Population estimates appear years apart and late (the Ombudsman used the 2020 estimate for
/// 2024-25), so a year takes the most recent figure already known when it began: the latest whose
/// year is not after the financial year's start year. A later estimate is never used for an earlier
/// year, so a published figure does not change when a new estimate is loaded.
public enum PopulationSelection {
    /// The latest of one council's populations usable for `year`, or nil when all are later (or
    /// there are none). The rows are expected to belong to one council, one per year.
    public static func latest(_ populations: [Population], for year: FinancialYear) -> Population? {
        populations
            .filter { $0.year <= year.startYear }
            .max { $0.year < $1.year }
    }
}
