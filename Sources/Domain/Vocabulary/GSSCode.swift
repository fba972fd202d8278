/// The Office for National Statistics' GSS code of an area, such as `E08000011`: E, W, S or N
/// (the nation) then eight digits. Normal form upper case.
public struct GSSCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let normalForm: String

    public static let pattern = "^[EWSN][0-9]{8}$"
    public static let invalidMessage = "must be a GSS code: E, W, S or N then eight digits, such as E08000011"

    /// Accepts the normal form only (callers that tolerate lower case upper-case first).
    public init?(parsing text: some StringProtocol) {
        let scalars = Array(String(text).unicodeScalars)
        guard scalars.count == 9, let first = scalars.first, "EWSN".unicodeScalars.contains(first),
            scalars.dropFirst().allSatisfy({ ("0"..."9").contains($0) })
        else { return nil }
        normalForm = String(text)
    }

    /// Whether the code is of an English area.
    public var isEnglish: Bool { normalForm.hasPrefix("E") }

    public var description: String { normalForm }

    public static func < (a: GSSCode, b: GSSCode) -> Bool { a.normalForm < b.normalForm }
}
