import Domain

/// Which decisions a complaints list holds. Every filter is optional; present ones are ANDed.
public struct ComplaintFilter: Hashable, Sendable {
    public var councilID: String?
    /// Decisions made within the financial year (1 April to 31 March).
    public var year: FinancialYear?
    /// Matched ignoring ASCII case, as clients type `housing` for `Housing`.
    public var category: String?
    public var subcategory: String?
    public var outcome: Outcome?
    /// Decided on or after this day.
    public var decidedFrom: CalendarDate?
    /// Decided on or before this day.
    public var decidedTo: CalendarDate?

    public init(
        councilID: String? = nil, year: FinancialYear? = nil, category: String? = nil, subcategory: String? = nil,
        outcome: Outcome? = nil, decidedFrom: CalendarDate? = nil, decidedTo: CalendarDate? = nil
    ) {
        self.councilID = councilID
        self.year = year
        self.category = category
        self.subcategory = subcategory
        self.outcome = outcome
        self.decidedFrom = decidedFrom
        self.decidedTo = decidedTo
    }

    /// The year and the explicit bounds intersected into one range; nil bounds are open.
    /// `lower > upper` means no decision can match.
    var decidedRange: (lower: CalendarDate?, upper: CalendarDate?) {
        var lower = decidedFrom
        var upper = decidedTo
        if let year {
            lower = max(lower ?? year.start, year.start)
            upper = min(upper ?? year.end, year.end)
        }
        return (lower, upper)
    }
}
