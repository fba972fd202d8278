import JSON

/// The bodies of a PUT to a record's own URL.
extension OpenAPIDocument {
    /// Each record's input, and the members its URL decides (`RecordResource.pathMembers`).
    /// `note` says what else follows from the path.
    static let replacedInputs: [(record: String, pathMembers: Set<String>, note: String)] = [
        ("Complaint", ["reference"], ""), ("Report", ["id"], ""), ("ServiceImprovement", ["reference"], ""),
        (
            "AnnualLetter", ["council", "year"],
            " published must not be before the path's year starts."
        ),
        (
            "PublishedAverage", ["year", "council_type", "metric"],
            " When the path's metric is a rate (any but upheld_per_100k), value must be at most 1."
        ),
        ("Population", ["year"], ""),
    ]

    /// `<Record>Replacement`: the record's `<Record>Input` with the members the path decides made
    /// optional and nullable, since a PUT body may leave them out (null being absent, as for every
    /// optional member). Derived from the input schema rather than written again, so the two
    /// cannot disagree on any other member.
    static var replacementSchemas: Properties {
        let inputs = Dictionary(inputSchemas.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
        return replacedInputs.compactMap { record, pathMembers, note in
            guard var schema = inputs["\(record)Input"]?.objectValue,
                var properties = schema["properties"]?.objectValue
            else { return nil }
            let required = schema["required"]?.arrayValue ?? []
            schema["required"] = .array(required.filter { !pathMembers.contains($0.stringValue ?? "") })
            for member in pathMembers {
                guard let property = properties[member], !Self.allowsNull(property) else { continue }
                properties[member] = Schema.nullable(property)
            }
            schema["properties"] = .object(properties)
            let members = pathMembers.sorted().joined(separator: ", ")
            let text = schema["description"]?.stringValue ?? ""
            schema["description"] = .string(
                text + " With PUT to the record's URL, \(members) may be left out (or null): the path decides them."
                    + note)
            return (name: "\(record)Replacement", schema: .object(schema))
        }
    }

    /// Whether `schema` (as `Schema.nullable` writes one) already admits null.
    private static func allowsNull(_ schema: JSONValue) -> Bool {
        guard let object = schema.objectValue else { return false }
        if object["type"]?.arrayValue?.contains(.string("null")) == true { return true }
        let alternatives = object["anyOf"]?.arrayValue ?? []
        return alternatives.contains { $0.objectValue?["type"]?.stringValue == "null" }
    }
}
