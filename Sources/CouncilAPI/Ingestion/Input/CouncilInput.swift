import Domain

/// A council as a client describes it (`POST /v1/councils`, `PUT /v1/councils/{council}`).
///
/// Councils are identified by their GSS code, the official identifier: storing a council whose
/// GSS code is on record replaces it (and may change its id, taking its records along), while
/// an id already held by another GSS code is a conflict.
enum CouncilInput {
    static let fieldNames = ["id", "name", "short_name", "gss_code", "type", "region"]
    static let readOnlyFieldNames = ["demo"]

    static func decode(_ fields: InputFields) throws(InputErrors) -> Council {
        var reader = InputReader(fields, allowed: fieldNames, readOnly: readOnlyFieldNames)
        let id = reader.pattern(
            "id", required: true, maxLength: 100,
            message:
                "must be a slug: lower-case letters and digits in words joined by single hyphens, such as knowsley, and not a GSS code",
            isValid: { isSlug($0) && !isGSSCode($0.uppercased()) })
        let name = reader.string("name", required: true, maxLength: 200)
        let shortName = reader.string("short_name", required: true, maxLength: 100)
        let gssCode = reader.pattern(
            "gss_code", required: true,
            message: "must be a GSS code: E, W, S or N then eight digits, such as E08000011",
            isValid: isGSSCode)
        let type = reader.choice("type", CouncilType.self, required: true)
        let region = reader.string("region", maxLength: 100)
        try reader.finish()
        guard let id, let name, let shortName, let gssCode, let type else { throw InputErrors.unreadable("id") }
        return Council(id: id, name: name, shortName: shortName, gssCode: gssCode, type: type, region: region)
    }

    /// `^[a-z0-9]+(-[a-z0-9]+)*$`, the form gov.uk slugs take.
    static func isSlug(_ text: String) -> Bool {
        let words = text.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// `^[EWSN][0-9]{8}$`.
    static func isGSSCode(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 9, let first = scalars.first, "EWSN".unicodeScalars.contains(first) else { return false }
        return scalars.dropFirst().allSatisfy { ("0"..."9").contains($0) }
    }
}
