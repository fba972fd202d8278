import Domain

/// Everything the Ombudsman publishes about one council in one year, derived from its decision counts.
///
/// It keeps the tally and the population it was built from and derives every figure on demand, so
/// the counts and the rates can never disagree. Rates are unrounded fractions (0…1); rounding to
/// "81%" is presentation and belongs to whoever shows the number. A rate whose denominator is zero
/// is nil: "0 upheld of 0 investigated" is no rate at all, not a 0% uphold rate.
public struct CouncilFigures: Hashable, Sendable {
    /// The counts the figures are derived from.
    public let tally: DecisionTally
    /// The population the per-100k figure was divided by (with its year and source), or nil when
    /// the council has none on record for the year.
    public let population: Population?

    /// Figures from one tally and the population chosen for its year (see `PopulationSelection`).
    /// The population is used as given: choosing the right one is the caller's decision.
    public init(tally: DecisionTally, population: Population?) {
        self.tally = tally
        self.population = population
    }

    /// Figures from one tally, choosing the council's latest population not after the year.
    /// `populations` may hold other councils' rows; only the tally's council is considered.
    public init(tally: DecisionTally, populations: [Population]) {
        let own = populations.filter { $0.councilID == tally.councilID }
        self.init(tally: tally, population: PopulationSelection.latest(own, for: tally.year))
    }

    public var councilID: String { tally.councilID }
    public var year: FinancialYear { tally.year }

    // MARK: Decisions

    /// Every decision of the year: the "complaints dealt with" headline.
    public var dealtWith: Int {
        tally.notForUs.saturatingAdding(tally.assessedAndClosed).saturatingAdding(investigated)
    }
    public var notForUs: Int { tally.notForUs }
    public var assessedAndClosed: Int { tally.assessedAndClosed }
    /// Decisions reached by investigation: upheld or not.
    public var investigated: Int { tally.upheld.saturatingAdding(tally.notUpheld) }
    public var upheld: Int { tally.upheld }
    public var notUpheld: Int { tally.notUpheld }

    // MARK: Upheld

    /// Upheld as a fraction of investigated.
    public var upheldRate: Double? { upheldRatio?.value }

    /// Upheld decisions per 100,000 residents, or nil without a (positive) population.
    public var upheldPer100k: Double? { upheldPer100kRatio?.value }

    // MARK: Remedies

    /// Upheld decisions where the council had already offered a satisfactory remedy.
    public var remedyCount: Int { tally.remediedBeforeOmbudsman }
    /// Remedied as a fraction of upheld.
    public var remedyRate: Double? { remedyRatio?.value }

    // MARK: Compliance

    public var complied: Int { tally.complied }
    public var notComplied: Int { tally.notComplied }
    /// Upheld decisions with a compliance outcome recorded either way.
    public var complianceRecorded: Int { tally.complied.saturatingAdding(tally.notComplied) }
    /// Complied as a fraction of recorded.
    public var complianceRate: Double? { complianceRatio?.value }

    // MARK: By metric

    /// The council's own figure for a metric the Ombudsman averages.
    public subscript(metric: AverageMetric) -> Double? { ratio(for: metric)?.value }

    /// The counts behind a metric, or nil when the council has no denominator for it. Group
    /// averages use these so both averaging methods count exactly the same councils.
    func ratio(for metric: AverageMetric) -> Ratio? {
        switch metric {
        case .upheldRate: upheldRatio
        case .upheldPer100k: upheldPer100kRatio
        case .remedyRate: remedyRatio
        case .complianceRate: complianceRatio
        }
    }

    // MARK: Small numbers

    /// The count a metric's reliability rests on: its denominator for the three rates (upheld rate:
    /// investigated; remedy rate: upheld; compliance rate: recorded). For upheld per 100,000 the
    /// denominator is a population, never small, so it is judged on its numerator, the upheld
    /// count: 2 upheld decisions per 100,000 is as fragile as 2 of 3.
    public func smallNumberBase(for metric: AverageMetric) -> Int {
        switch metric {
        case .upheldRate: investigated
        case .upheldPer100k: upheld
        case .remedyRate: upheld
        case .complianceRate: complianceRecorded
        }
    }

    /// Whether the metric rests on fewer cases than `threshold`.
    public func hasSmallNumbers(_ metric: AverageMetric, threshold: SmallNumberThreshold) -> Bool {
        threshold.isSmall(smallNumberBase(for: metric))
    }

    private var upheldRatio: Ratio? { Ratio(upheld, over: investigated) }
    private var upheldPer100kRatio: Ratio? {
        population.flatMap { Ratio(upheld, over: $0.population, scale: 100_000) }
    }
    private var remedyRatio: Ratio? { Ratio(remedyCount, over: upheld) }
    private var complianceRatio: Ratio? { Ratio(complied, over: complianceRecorded) }
}
