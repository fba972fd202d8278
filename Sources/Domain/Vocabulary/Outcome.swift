/// How the Ombudsman dealt with a complaint. `upheld` and `not_upheld` are the two results of an
/// investigation; together they are the "investigated" figure of the published page.
public enum Outcome: String, CaseIterable, Codable, Sendable {
    case notForUs = "not_for_us"
    case assessedAndClosed = "assessed_and_closed"
    case upheld
    case notUpheld = "not_upheld"

    public var isInvestigated: Bool { self == .upheld || self == .notUpheld }
}

/// Why a complaint was "not for us" or not ready for the Ombudsman to investigate.
public enum NotForUsReason: String, CaseIterable, Codable, Sendable {
    case premature
    case adviceGiven = "advice_given"
    case referredBack = "referred_back"
    case incompleteOrInvalid = "incomplete_or_invalid"
    case outOfJurisdiction = "out_of_jurisdiction"
}

/// Whether the council did what the Ombudsman recommended on an upheld complaint.
public enum Compliance: String, CaseIterable, Codable, Sendable {
    case complied
    case notComplied = "not_complied"
}

/// Where a service improvement came from: published for five years after a decision, ten after a report.
public enum ImprovementSource: String, CaseIterable, Codable, Sendable {
    case decision
    case report

    /// How many years the Ombudsman keeps such an improvement on its published page.
    public var publicationYears: Int {
        switch self {
        case .decision: 5
        case .report: 10
        }
    }
}

/// The figures the Ombudsman publishes an average of for each council type.
public enum AverageMetric: String, CaseIterable, Codable, Sendable {
    case upheldRate = "upheld_rate"
    case upheldPer100k = "upheld_per_100k"
    case remedyRate = "remedy_rate"
    case complianceRate = "compliance_rate"

    /// Whether the figure is a fraction from 0 to 1 (every metric but the per-100,000 figure):
    /// one rule for the input's check and the document's bound, so they cannot disagree.
    public var isRate: Bool { self != .upheldPer100k }
}
