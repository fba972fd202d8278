/// The Ombudsman compares each council with the average of councils of the same type.
public enum CouncilType: String, CaseIterable, Codable, Sendable {
    case county
    case district
    case metropolitanBorough = "metropolitan_borough"
    case unitary
    case londonBorough = "london_borough"

    /// The type for a register code (`local-authority-type` in mySociety's register), or nil for
    /// bodies the Ombudsman does not report on as councils (combined authorities, non-English).
    /// The City of London (`CC`) is compared with the London boroughs.
    public init?(registerCode: String) {
        switch registerCode {
        case "CTY": self = .county
        case "NMD": self = .district
        case "MD": self = .metropolitanBorough
        case "UA": self = .unitary
        case "LBO", "CC": self = .londonBorough
        default: return nil
        }
    }

    /// As the Ombudsman names the comparison group.
    public var groupName: String {
        switch self {
        case .county: "County Councils"
        case .district: "District Councils"
        case .metropolitanBorough: "Metropolitan Boroughs"
        case .unitary: "Unitary Councils"
        case .londonBorough: "London Boroughs"
        }
    }
}
