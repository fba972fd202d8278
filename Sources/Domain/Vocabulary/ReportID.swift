/// The id of a report the Ombudsman published, such as `knowsley-2024-06-30-care-home-fees-1a2b3c4d`.
///
/// One rule for the API's input check, the OpenAPI pattern and the SQL CHECK, which used to
/// disagree: the input refused `st.-helens-2024-…` while the CHECK (any run of letters, digits,
/// `.`, `_` and `-`) stored it, since ids derived from an unclean council id were never checked.
/// An id is words of lower-case letters and digits, each joined to the next by one `.`, `_` or `-`,
/// at most 200 characters.
public struct ReportID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let normalForm: String

    /// The regular expression the OpenAPI document publishes.
    public static let pattern = "^[a-z0-9]+([._-][a-z0-9]+)*$"
    public static let maxLength = 200
    /// What a client is told about a bad id.
    public static let invalidMessage =
        "must be lower-case letters and digits in words joined by single '-', '_' or '.', at most 200 characters"

    /// Accepts exactly the normal form; nil for anything else.
    public init?(parsing text: some StringProtocol) {
        let text = String(text)
        guard text.utf8.count <= Self.maxLength, Self.isWords(text) else { return nil }
        normalForm = text
    }

    /// The id itself when it follows the rule; otherwise the clean id migration 0003 gave the row
    /// (`st.-helens-2024-…` → `st-helens-2024-…`): runs of anything but letters and digits become
    /// one hyphen, leading and trailing ones vanish. The API uses it so an id it served keeps working.
    public static func cleaned(_ text: some StringProtocol) -> String {
        if let id = ReportID(parsing: text) { return id.normalForm }
        return Slug.hyphenated(text)
    }

    public var description: String { normalForm }

    public static func < (a: ReportID, b: ReportID) -> Bool { a.normalForm < b.normalForm }

    private static func isWords(_ text: String) -> Bool {
        var previousWasSeparator = true
        for scalar in text.unicodeScalars {
            if Slug.isLowerAlphanumeric(scalar) {
                previousWasSeparator = false
            } else if scalar == "-" || scalar == "_" || scalar == "." {
                if previousWasSeparator { return false }
                previousWasSeparator = true
            } else {
                return false
            }
        }
        return !previousWasSeparator
    }
}
