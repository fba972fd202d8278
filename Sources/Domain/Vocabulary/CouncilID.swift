/// A council's id: its gov.uk slug, such as `knowsley`.
///
/// One rule for the API's input checks, the register import and the OpenAPI pattern, which used
/// to disagree: the register's own slugs include `st.-helens`, which the API served but its
/// OpenAPI pattern called invalid. An id is lower-case letters and digits in words joined by
/// single hyphens, at most 100 characters, and not a GSS code (ids and codes share the URL).
public struct CouncilID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let normalForm: String

    /// The regular expression the OpenAPI document publishes.
    public static let pattern = "^[a-z0-9]+(-[a-z0-9]+)*$"
    public static let maxLength = 100
    /// What a client is told about a bad id.
    public static let invalidMessage =
        "must be a slug: lower-case letters and digits in words joined by single hyphens, such as knowsley, "
        + "and not a GSS code"

    /// Accepts exactly the normal form; nil for anything else.
    public init?(parsing text: some StringProtocol) {
        let text = String(text)
        guard text.utf8.count <= Self.maxLength, Self.isSlug(text), GSSCode(parsing: text.uppercased()) == nil
        else { return nil }
        normalForm = text
    }

    /// The clean id for a slug written another way (`st.-helens` → `st-helens`, `St Helens` →
    /// `st-helens`): runs of anything but letters and digits become one hyphen, apostrophes vanish.
    /// The register import uses it, and the API uses it to keep answering ids it served before.
    public static func cleaned(_ text: some StringProtocol) -> String {
        Slug.hyphenated(text, dropping: ["'", "’"])
    }

    public var description: String { normalForm }

    public static func < (a: CouncilID, b: CouncilID) -> Bool { a.normalForm < b.normalForm }

    private static func isSlug(_ text: String) -> Bool {
        text.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy(Slug.isLowerAlphanumeric)
        }
    }
}
