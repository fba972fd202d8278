/// The character rule the URL-safe identities share (`CouncilID`, `ReportID`): lower-case ASCII
/// letters and digits in words, and the one way both clean a spelling that breaks their rule.
enum Slug {
    static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// `text` lower-cased with every run of other characters made one hyphen, none at the ends;
    /// the scalars in `dropping` vanish without separating words (`St Helen's` → `st-helens`).
    static func hyphenated(_ text: some StringProtocol, dropping: Set<Unicode.Scalar> = []) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars where !dropping.contains(scalar) {
            if isLowerAlphanumeric(scalar) {
                if pendingHyphen, !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }
}
