import JSON

/// The members of one input record, as a client sent them: a JSON object, or a row of a CSV
/// upload keyed by its header.
///
/// One type for both so that a record is validated by the same code whatever it arrived in: a
/// decision posted alone and the same decision on line 9,000 of a bulk file must be refused for
/// the same reasons with the same words. The two differ only in how a value is spelled: a CSV
/// cell is always text (`true`, `2024-06-30`, `12`) and an empty cell means "no value".
enum InputFields: Sendable {
    case json(JSONObject)
    case text([String: String])

    /// The names present, in the order the client wrote them (CSV rows have no order; sorted).
    var names: [String] {
        switch self {
        case .json(let object): object.keys
        case .text(let row): row.keys.sorted()
        }
    }

    /// One member as found: absent, an explicit null (or empty cell), or a value.
    func member(_ name: String) -> InputMember {
        switch self {
        case .json(let object):
            guard let value = object[name] else { return .absent }
            return value.isNull ? .null : .json(value)
        case .text(let row):
            guard let text = row[name] else { return .absent }
            return text.isEmpty ? .null : .text(text)
        }
    }
}

/// What `InputFields.member` found under a name.
enum InputMember {
    case absent
    case null
    case json(JSONValue)
    case text(String)
}
