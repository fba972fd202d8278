import Domain

/// The averages the Ombudsman itself published for a council type and year, by metric.
///
/// Kept apart from `GroupAverages` on purpose: the Ombudsman's figure comes from its full case
/// data and its own method, ours from what is stored here, and a reader should see both rather
/// than one silently replacing the other. A metric the Ombudsman did not publish (or we did not
/// store) is nil, never a computed stand-in.
public struct PublishedComparison: Hashable, Sendable {
    public let councilType: CouncilType
    public let year: FinancialYear
    public let upheldRate: Double?
    public let upheldPer100k: Double?
    public let remedyRate: Double?
    public let complianceRate: Double?
    /// True when any value given here comes from demo data, so it can be labelled as such.
    public let isDemo: Bool

    /// Picks the rows for `councilType` and `year` from `averages`; other rows are ignored. Should
    /// a metric appear twice, a real figure wins over a demo one, and otherwise the first row wins.
    public init(councilType: CouncilType, year: FinancialYear, from averages: [PublishedAverage]) {
        var chosen: [AverageMetric: PublishedAverage] = [:]
        for average in averages where average.councilType == councilType && average.year == year {
            if let existing = chosen[average.metric], !(existing.isDemo && !average.isDemo) { continue }
            chosen[average.metric] = average
        }
        self.councilType = councilType
        self.year = year
        self.upheldRate = chosen[.upheldRate]?.value
        self.upheldPer100k = chosen[.upheldPer100k]?.value
        self.remedyRate = chosen[.remedyRate]?.value
        self.complianceRate = chosen[.complianceRate]?.value
        self.isDemo = chosen.values.contains { $0.isDemo }
    }

    public subscript(metric: AverageMetric) -> Double? {
        switch metric {
        case .upheldRate: upheldRate
        case .upheldPer100k: upheldPer100k
        case .remedyRate: remedyRate
        case .complianceRate: complianceRate
        }
    }
}
