import Domain

/// One metric averaged over a group of councils, both ways, with how many councils it counts.
///
/// The count is per metric because each metric has its own denominator: a council with no
/// investigations has no uphold rate and cannot take part in that average, yet it still counts for
/// upheld per 100k if its population is known. Showing the count lets a reader see when an
/// "average" rests on two councils.
public struct MetricAverage: Hashable, Sendable {
    public let metric: AverageMetric
    /// Councils whose own figure exists for this metric (positive denominator, known population).
    public let councils: Int
    /// Councils with a figure for this metric that were left out because it rests on fewer cases
    /// than the threshold (`SmallNumberThreshold`).
    public let leftOutForSmallNumbers: Int
    /// The mean of those councils' own figures; nil when `councils` is 0.
    public let mean: Double?
    /// Their summed numerators over their summed denominators; nil when `councils` is 0.
    public let pooled: Double?

    public init(
        metric: AverageMetric, councils: Int, mean: Double?, pooled: Double?, leftOutForSmallNumbers: Int = 0
    ) {
        self.metric = metric
        self.councils = councils
        self.leftOutForSmallNumbers = leftOutForSmallNumbers
        self.mean = mean
        self.pooled = pooled
    }

    /// The value by the named method.
    public func value(_ method: AveragingMethod) -> Double? {
        switch method {
        case .mean: mean
        case .pooled: pooled
        }
    }

    /// Averages `metric` over `members`; councils without a figure for it, or whose rate rests on
    /// a small denominator, are left out of both methods (so both count the same councils).
    ///
    /// Upheld per 100,000 leaves no council out: its denominator is a population, and leaving
    /// councils out by their numerator (few upheld decisions) would keep only the high figures and
    /// push the average up. Its flag still warns about the single council's figure.
    init(metric: AverageMetric, members: [CouncilFigures], threshold: SmallNumberThreshold) {
        let withFigure = members.filter { $0.ratio(for: metric) != nil }
        let counted =
            metric == .upheldPer100k
            ? withFigure : withFigure.filter { !$0.hasSmallNumbers(metric, threshold: threshold) }
        let ratios = counted.compactMap { $0.ratio(for: metric) }
        self.metric = metric
        self.leftOutForSmallNumbers = withFigure.count - counted.count
        self.councils = ratios.count
        guard let scale = ratios.first?.scale else {
            self.mean = nil
            self.pooled = nil
            return
        }
        // Summed in Double: exact for any realistic total and unable to overflow.
        var sumOfValues = 0.0
        var numerators = 0.0
        var denominators = 0.0
        for ratio in ratios {
            sumOfValues += ratio.value
            numerators += Double(ratio.numerator)
            denominators += Double(ratio.denominator)
        }
        self.mean = sumOfValues / Double(ratios.count)
        self.pooled = numerators / denominators * scale
    }
}
