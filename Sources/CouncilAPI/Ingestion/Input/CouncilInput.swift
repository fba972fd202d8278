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
            message: CouncilID.invalidMessage, isValid: { CouncilID(parsing: $0) != nil })
        let name = reader.string("name", required: true, maxLength: 200)
        let shortName = reader.string("short_name", required: true, maxLength: 100)
        let gssCode = reader.pattern(
            "gss_code", required: true,
            message: GSSCode.invalidMessage, isValid: { GSSCode(parsing: $0) != nil })
        let type = reader.choice("type", CouncilType.self, required: true)
        let region = reader.string("region", maxLength: 100)
        try reader.finish()
        guard let id, let name, let shortName, let gssCode, let type else { throw InputErrors.unreadable("id") }
        return Council(id: id, name: name, shortName: shortName, gssCode: gssCode, type: type, region: region)
    }
}
