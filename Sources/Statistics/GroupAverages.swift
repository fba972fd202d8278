import Domain

/// The averages over councils of one type in one year: what a council's figures are compared with.
///
/// Computed from the members' own `CouncilFigures` so that an average is always consistent with the
/// figures shown for its members. Every metric is given both ways (`AveragingMethod`) with the
/// number of councils it counts.
///
/// Membership is decided by the caller, not here: the group is the councils of the type with at
/// least one decision in the year. A council with no decisions has no figures to contribute, and
/// including it would only inflate `groupSize`. This type averages exactly the members it is given
/// and does not check their type or year, which `CouncilFigures` does not carry.
public struct GroupAverages: Hashable, Sendable {
    public let councilType: CouncilType
    public let year: FinancialYear
    /// Councils in the group, whether or not they count for any one metric.
    public let groupSize: Int
    public let upheldRate: MetricAverage
    public let upheldPer100k: MetricAverage
    public let remedyRate: MetricAverage
    public let complianceRate: MetricAverage

    /// Councils whose figure for a metric rests on fewer cases than `threshold` are left out of
    /// that metric's average and counted in its `leftOutForSmallNumbers`.
    public init(
        councilType: CouncilType, year: FinancialYear, members: [CouncilFigures],
        threshold: SmallNumberThreshold = .none
    ) {
        self.councilType = councilType
        self.year = year
        self.groupSize = members.count
        self.upheldRate = MetricAverage(metric: .upheldRate, members: members, threshold: threshold)
        self.upheldPer100k = MetricAverage(metric: .upheldPer100k, members: members, threshold: threshold)
        self.remedyRate = MetricAverage(metric: .remedyRate, members: members, threshold: threshold)
        self.complianceRate = MetricAverage(metric: .complianceRate, members: members, threshold: threshold)
    }

    public subscript(metric: AverageMetric) -> MetricAverage {
        switch metric {
        case .upheldRate: upheldRate
        case .upheldPer100k: upheldPer100k
        case .remedyRate: remedyRate
        case .complianceRate: complianceRate
        }
    }

    /// Every metric, in `AverageMetric.allCases` order.
    public var metrics: [MetricAverage] { AverageMetric.allCases.map { self[$0] } }
}
