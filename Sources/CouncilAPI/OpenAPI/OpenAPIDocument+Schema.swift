import JSON

extension OpenAPIDocument {
    /// An object's members in the order they are documented, which is the order the API writes them.
    typealias Properties = [(name: String, schema: JSONValue)]

    /// JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) built from Swift calls.
    ///
    /// Every schema of the document goes through these few functions, so that nullability,
    /// `required` and closed input objects are spelt one way everywhere and a change of convention
    /// is one edit.
    enum Schema {
        /// A reference to `components/schemas/<name>`.
        static func ref(_ name: String) -> JSONValue {
            ["$ref": .string("#/components/schemas/\(name)")]
        }

        static func string(
            _ description: String? = nil, format: String? = nil, pattern: String? = nil, minLength: Int? = nil,
            maxLength: Int? = nil, example: String? = nil
        ) -> JSONValue {
            var object: JSONObject = ["type": "string"]
            object["format"] = format.map(JSONValue.string)
            object["pattern"] = pattern.map(JSONValue.string)
            object["minLength"] = minLength.map { .int(Int64($0)) }
            object["maxLength"] = maxLength.map { .int(Int64($0)) }
            object["example"] = example.map(JSONValue.string)
            return described(.object(object), description)
        }

        /// A calendar date written `YYYY-MM-DD`.
        static func date(_ description: String? = nil) -> JSONValue {
            string(description, format: "date", example: "2024-06-30")
        }

        static func integer(_ description: String? = nil, minimum: Int? = nil, maximum: Int? = nil) -> JSONValue {
            var object: JSONObject = ["type": "integer"]
            object["minimum"] = minimum.map { .int(Int64($0)) }
            object["maximum"] = maximum.map { .int(Int64($0)) }
            return described(.object(object), description)
        }

        /// A count of decisions or councils: never negative.
        static func count(_ description: String? = nil) -> JSONValue {
            integer(description, minimum: 0)
        }

        static func number(_ description: String? = nil, minimum: Int? = nil, maximum: Int? = nil) -> JSONValue {
            var object: JSONObject = ["type": "number"]
            object["minimum"] = minimum.map { .int(Int64($0)) }
            object["maximum"] = maximum.map { .int(Int64($0)) }
            return described(.object(object), description)
        }

        /// An unrounded fraction from 0 to 1, `null` when its denominator is zero.
        static func rate(_ description: String) -> JSONValue {
            nullable(
                number(
                    description + " An unrounded fraction from 0 to 1; null when there is nothing to divide by.",
                    minimum: 0, maximum: 1))
        }

        /// A figure per 100,000 residents, `null` without a population (or, for an average, without councils to average).
        static func per100k(_ description: String) -> JSONValue {
            nullable(number(description + " Null when no population is on record.", minimum: 0))
        }

        static func boolean(_ description: String? = nil) -> JSONValue {
            described(["type": "boolean"], description)
        }

        /// A closed set of strings.
        static func enumeration(_ values: [String], _ description: String? = nil) -> JSONValue {
            described(["type": "string", "enum": .array(values.map(JSONValue.string))], description)
        }

        /// The raw values of a vocabulary type, so the document lists exactly what the code accepts.
        static func enumeration<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ description: String? = nil)
            -> JSONValue
        where T.RawValue == String {
            enumeration(T.allCases.map(\.rawValue), description)
        }

        static func array(_ items: JSONValue, _ description: String? = nil) -> JSONValue {
            described(["type": "array", "items": items], description)
        }

        /// An object with `properties` in order. Every property is required unless `required` says
        /// otherwise: the API always writes every member of a response, using `null` for "none",
        /// so clients never have to tell a missing member from a null one. `closed` refuses unknown
        /// members, as every input does.
        static func object(
            _ properties: Properties, required: [String]? = nil, closed: Bool = false, description: String? = nil
        ) -> JSONValue {
            var object: JSONObject = ["type": "object"]
            object["properties"] = .object(JSONObject(properties.map { ($0.name, $0.schema) }))
            let names = required ?? properties.map(\.name)
            if !names.isEmpty {
                object["required"] = .array(names.map(JSONValue.string))
            }
            if closed {
                object["additionalProperties"] = false
            }
            return described(.object(object), description)
        }

        /// `schema` or `null`. A plain typed schema gets a type list (and `null` in its enum); anything
        /// else, such as a reference, is wrapped in `anyOf` so the referenced schema stays untouched.
        static func nullable(_ schema: JSONValue) -> JSONValue {
            guard var object = schema.objectValue, object["$ref"] == nil, case .string(let type)? = object["type"]
            else {
                return ["anyOf": [schema, ["type": "null"]]]
            }
            object["type"] = [.string(type), "null"]
            if case .array(var values)? = object["enum"] {
                values.append(.null)
                object["enum"] = .array(values)
            }
            return .object(object)
        }

        /// `schema` with a description; OpenAPI 3.1 allows one beside a `$ref`.
        static func described(_ schema: JSONValue, _ description: String?) -> JSONValue {
            guard let description, var object = schema.objectValue else { return schema }
            object["description"] = .string(description)
            return .object(object)
        }

        /// The schema a client writes: the record's read shape without the members the server sets,
        /// with some members given their input form, closed to unknown members. Deriving it from the
        /// read shape keeps member names and types of the two from drifting apart. `rules` adds
        /// keywords that relate members to each other (anyOf, if/then), beside the members.
        static func input(
            from properties: Properties, dropping dropped: Set<String> = ["demo"],
            replacing replacements: Properties = [],
            required: [String], description: String, rules: JSONObject = [:]
        ) -> JSONValue {
            let kept = properties.filter { !dropped.contains($0.name) }.map { property in
                replacements.first { $0.name == property.name } ?? property
            }
            let schema = object(kept, required: required, closed: true, description: description)
            guard var members = schema.objectValue else { return schema }
            for (keyword, rule) in rules {
                members[keyword] = rule
            }
            return .object(members)
        }
    }
}
