/// The yearly letter the Ombudsman writes to each council summarising its statistics.
public struct AnnualLetter: Hashable, Sendable {
    public var councilID: String
    public var year: FinancialYear
    public var published: CalendarDate
    public var url: String?
    public var text: String?
    public var isDemo: Bool

    public init(
        councilID: String, year: FinancialYear, published: CalendarDate, url: String? = nil, text: String? = nil,
        isDemo: Bool = false
    ) {
        self.councilID = councilID
        self.year = year
        self.published = published
        self.url = url
        self.text = text
        self.isDemo = isDemo
    }
}

/// An average the Ombudsman itself published for a council type and year ("81% in similar
/// authorities"). Stored beside the averages we compute, never mixed with them.
public struct PublishedAverage: Hashable, Sendable {
    public var year: FinancialYear
    public var councilType: CouncilType
    public var metric: AverageMetric
    /// A fraction for rates (0.81), a count for per-100k figures (4.7).
    public var value: Double
    public var isDemo: Bool

    public init(
        year: FinancialYear, councilType: CouncilType, metric: AverageMetric, value: Double, isDemo: Bool = false
    ) {
        self.year = year
        self.councilType = councilType
        self.metric = metric
        self.value = value
        self.isDemo = isDemo
    }
}
