import Domain
import JSON

/// `components.parameters`: every query, path and header parameter, defined once and referred to
/// by name from the operations.
extension OpenAPIDocument {
    enum Parameter {
        /// A reference to `components/parameters/<name>`, with an optional description that
        /// overrides the shared one for this operation (OpenAPI 3.1 reference objects allow it).
        static func ref(_ name: String, description: String? = nil) -> JSONValue {
            Schema.described(["$ref": .string("#/components/parameters/\(name)")], description)
        }

        static func query(_ name: String, _ schema: JSONValue, _ description: String, required: Bool = false)
            -> JSONValue
        {
            parameter(name, in: "query", schema, description, required: required)
        }

        static func path(_ name: String, _ schema: JSONValue, _ description: String) -> JSONValue {
            parameter(name, in: "path", schema, description, required: true)
        }

        static func header(_ name: String, _ schema: JSONValue, _ description: String) -> JSONValue {
            parameter(name, in: "header", schema, description, required: false)
        }

        private static func parameter(
            _ name: String, in location: String, _ schema: JSONValue, _ description: String, required: Bool
        ) -> JSONValue {
            [
                "name": .string(name), "in": .string(location), "required": .bool(required),
                "description": .string(description), "schema": schema,
            ]
        }

        /// The component holding each path parameter, by the name used in path templates.
        static let pathComponents = [
            "council": "Council", "reference": "Reference", "id": "ReportID", "name": "ProblemName",
            "year": "YearPath", "council_type": "CouncilTypePath", "metric": "MetricPath",
            "calendar_year": "CalendarYearPath",
        ]
    }

    /// Free text filters are capped like `QueryReader.string` caps them, and like it take an empty
    /// value for no filter (as an empty HTML form field sends it).
    private static let freeText = Schema.string(
        "At most 200 characters; an empty value is the same as leaving the parameter out.", maxLength: 200)

    /// `limit` with the given default.
    private static func limit(default value: Int) -> JSONValue {
        Parameter.query(
            "limit", ["type": "integer", "minimum": 1, "maximum": 100, "default": .int(Int64(value))],
            "Items per page, 1 to 100.")
    }

    static var parameterComponents: Properties {
        [
            // Paths.
            (
                "Council",
                Parameter.path(
                    "council", Schema.string(example: "knowsley"),
                    "The council's id (knowsley) or its GSS code (E08000011).")
            ),
            (
                "Reference",
                Parameter.path(
                    "reference", Schema.ref("CaseReferenceInput"),
                    "The case reference in any spelling: 23 008 737 (URL-encoded), 23008737 or 23-008-737.")
            ),
            ("ReportID", Parameter.path("id", Schema.string(minLength: 1), "The report's id.")),
            ("YearPath", Parameter.path("year", Schema.ref("ReportingYear"), "The reporting year, like 2024-25.")),
            ("CouncilTypePath", Parameter.path("council_type", Schema.ref("CouncilType"), "The council type.")),
            ("MetricPath", Parameter.path("metric", Schema.ref("AverageMetric"), "The figure averaged.")),
            (
                "CalendarYearPath",
                Parameter.path(
                    "calendar_year", Schema.integer(minimum: 1900, maximum: 2100),
                    "The calendar year of the mid-year estimate, like 2024.")
            ),
            (
                "ProblemName",
                Parameter.path(
                    "name", ["type": "string", "enum": .array(ProblemType.all.map { .string($0.name) })],
                    "The last segment of a problem's type URI.")
            ),
            // Paging and representation.
            ("Limit", limit(default: 20)),
            ("ImprovementLimit", limit(default: 10)),
            (
                "Cursor",
                Parameter.query(
                    "cursor", Schema.string(minLength: 1),
                    "The next_cursor of the previous page. Opaque; a cursor this API did not issue (or an empty one) is a 400."
                )
            ),
            (
                "Format",
                Parameter.query(
                    "format", Schema.enumeration(["csv", "json"]),
                    "The representation, overriding the Accept header (which may ask for application/json or text/csv)."
                )
            ),
            // Filters.
            (
                "CouncilFilter",
                Parameter.query("council", Schema.string(example: "knowsley"), "Only this council: its id or GSS code.")
            ),
            (
                "Year",
                Parameter.query("year", Schema.ref("ReportingYear"), "Only this reporting year (1 April to 31 March).")
            ),
            ("CouncilType", Parameter.query("type", Schema.ref("CouncilType"), "Only councils of this type.")),
            (
                "GroupType",
                Parameter.query(
                    "type", Schema.ref("CouncilType"), "The council type whose councils are ranked.", required: true)
            ),
            ("Region", Parameter.query("region", freeText, "Only councils in this region (exact name).")),
            ("Search", Parameter.query("q", freeText, "Text to look for in council names.")),
            ("Category", Parameter.query("category", freeText, "Only this category (exact name).")),
            ("Subcategory", Parameter.query("subcategory", freeText, "Only this subcategory (exact name).")),
            ("Outcome", Parameter.query("outcome", Schema.ref("Outcome"), "Only decisions with this outcome.")),
            (
                "DecidedFrom",
                Parameter.query("decided_from", Schema.date(), "Only decisions made on or after this date.")
            ),
            (
                "DecidedTo",
                Parameter.query(
                    "decided_to", Schema.date(),
                    "Only decisions made on or before this date; must not be before decided_from.")
            ),
            (
                "AsOf",
                Parameter.query(
                    "as_of", Schema.date(),
                    "The day to take as today when deciding what is still published; defaults to today.")
            ),
            (
                "Sort",
                Parameter.query(
                    "sort", ["$ref": "#/components/schemas/SortOrder", "default": "-upheld_rate"],
                    "The figure to rank by; prefix with - for descending. Default -upheld_rate.")
            ),
            (
                "MinInvestigated",
                Parameter.query(
                    "min_investigated", Schema.integer(minimum: 0, maximum: 1_000_000_000),
                    "Leave out councils with fewer investigations than this (the averages stay the whole group's).")
            ),
            (
                "BulkMode",
                Parameter.query(
                    "mode", ["type": "string", "enum": ["atomic", "partial"], "default": "atomic"],
                    "atomic: any bad line refuses the whole upload and nothing is written. partial: good lines are written, bad ones reported."
                )
            ),
            // Headers.
            (
                "IfNoneMatch",
                Parameter.header(
                    "If-None-Match", Schema.string(),
                    "An ETag from an earlier answer (or *); if it still matches, the answer is 304 with no body.")
            ),
            (
                "IfMatch",
                Parameter.header(
                    "If-Match",
                    Schema.string(example: "\"9f86d081884c7d650a2feb1ea7d5b3bd4b9c1fd8d2e8a0d6b7e0b4e0a9c4a1f3\""),
                    """
                    The record's ETag from its GET (or from the answer of the last write), or *; a comma-separated \
                    list is allowed. The write happens only if the record, as it is inside the write's transaction, \
                    still has that tag (strong comparison: a W/ tag never matches); otherwise 412, naming the \
                    current tag in current_etag and ETag, and nothing is written. * matches any existing record. \
                    Required on PUT and DELETE when the server runs with --require-if-match (otherwise 428).
                    """)
            ),
            (
                "IfNoneMatchWrite",
                Parameter.header(
                    "If-None-Match", Schema.string(example: "*"),
                    """
                    * to create only: 412 (naming the existing record's tag in current_etag) when a record is already \
                    there, and nothing is written. A list of tags refuses the write with 412 while the record still \
                    has one of them. With --require-if-match, If-None-Match: * stands in for If-Match on a PUT that \
                    creates.
                    """)
            ),
            (
                "IdempotencyKey",
                Parameter.header(
                    "Idempotency-Key", Schema.string(pattern: "^[\\x21-\\x7E]{1,255}$", minLength: 1, maxLength: 255),
                    """
                    A client-chosen unique key (1 to 255 visible ASCII characters, such as a UUID; otherwise 400). The \
                    first successful answer is kept for 24 hours: repeating the same request (method, path, query, body \
                    and token) with the key replays it, with Idempotent-Replayed: true, instead of writing again; the \
                    key with a different request is refused with 422 (type \(ProblemType.idempotencyMismatch.uri)); while the \
                    first is still being processed, 409 with Retry-After. Refusals (4xx) are not kept, so a corrected \
                    request may be sent under the same key.
                    """)
            ),
        ]
    }
}
