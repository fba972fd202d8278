import Domain

/// What a league table can be ordered by: every count and every rate of `CouncilFigures`.
///
/// The raw values are the query-string spellings (`sort=upheld_rate`), so parsing a request is
/// `SortKey(rawValue:)` and `allCases` lists the accepted names for an error message.
public enum SortKey: String, CaseIterable, Codable, Sendable {
    case dealtWith = "dealt_with"
    case notForUs = "not_for_us"
    case assessedAndClosed = "assessed_and_closed"
    case investigated
    case upheld
    case notUpheld = "not_upheld"
    case remedyCount = "remedy_count"
    case complied
    case upheldRate = "upheld_rate"
    case upheldPer100k = "upheld_per_100k"
    case remedyRate = "remedy_rate"
    case complianceRate = "compliance_rate"

    /// The key for a metric the Ombudsman averages.
    public init(_ metric: AverageMetric) {
        switch metric {
        case .upheldRate: self = .upheldRate
        case .upheldPer100k: self = .upheldPer100k
        case .remedyRate: self = .remedyRate
        case .complianceRate: self = .complianceRate
        }
    }

    /// Whether the key is a rate (possibly nil) rather than a count (always present).
    public var isRate: Bool {
        switch self {
        case .upheldRate, .upheldPer100k, .remedyRate, .complianceRate: true
        default: false
        }
    }

    /// The value this key sorts `figures` by; counts are exact as `Double` (below 2^53).
    public func value(of figures: CouncilFigures) -> Double? {
        switch self {
        case .dealtWith: Double(figures.dealtWith)
        case .notForUs: Double(figures.notForUs)
        case .assessedAndClosed: Double(figures.assessedAndClosed)
        case .investigated: Double(figures.investigated)
        case .upheld: Double(figures.upheld)
        case .notUpheld: Double(figures.notUpheld)
        case .remedyCount: Double(figures.remedyCount)
        case .complied: Double(figures.complied)
        case .upheldRate: figures.upheldRate
        case .upheldPer100k: figures.upheldPer100k
        case .remedyRate: figures.remedyRate
        case .complianceRate: figures.complianceRate
        }
    }
}
