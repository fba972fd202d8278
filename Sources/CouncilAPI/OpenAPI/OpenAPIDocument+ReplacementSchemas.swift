import JSON

/// The bodies of a PUT to a record's own URL.
extension OpenAPIDocument {
    /// Each record's input, and the members its URL decides (`RecordResource.pathMembers`).
    static let replacedInputs: [(record: String, pathMembers: Set<String>)] = [
        ("Complaint", ["reference"]), ("Report", ["id"]), ("ServiceImprovement", ["reference"]),
        ("AnnualLetter", ["council", "year"]), ("PublishedAverage", ["year", "council_type", "metric"]),
        ("Population", ["year"]),
    ]

    /// `<Record>Replacement`: the record's `<Record>Input` with the members the path decides made
    /// optional, since a PUT body may leave them out. Derived from the input schema rather than
    /// written again, so the two cannot disagree on any other member.
    static var replacementSchemas: Properties {
        let inputs = Dictionary(inputSchemas.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
        return replacedInputs.compactMap { record, pathMembers in
            guard var schema = inputs["\(record)Input"]?.objectValue else { return nil }
            let required = schema["required"]?.arrayValue ?? []
            schema["required"] = .array(required.filter { !pathMembers.contains($0.stringValue ?? "") })
            let members = pathMembers.sorted().joined(separator: ", ")
            let text = schema["description"]?.stringValue ?? ""
            schema["description"] = .string(
                text + " With PUT to the record's URL, \(members) may be left out: the path decides them.")
            return (name: "\(record)Replacement", schema: .object(schema))
        }
    }
}
