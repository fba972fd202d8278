import JSON

/// The OpenAPI 3.1 description of the API, served at `GET /openapi.json`.
///
/// Built in code rather than kept as a file so that it is checked by the compiler against the
/// vocabulary it describes: enumerations come from the Domain types' `allCases` and sort keys from
/// `SortKey`, so a new outcome or metric cannot be accepted by the API and missing from its
/// description. `operations` lists what is documented so a test can hold it against the router.
enum OpenAPIDocument {
    /// Every operation documented, as (method, OpenAPI path template).
    static let operations: [(method: String, path: String)] = allOperations.map { ($0.method, $0.path) }

    static var allOperations: [Operation] { readOperations + writeOperations }

    static let tags: [(name: String, description: String)] = [
        ("health", "Whether the server is alive and ready."),
        ("councils", "Councils and their populations."),
        ("statistics", "The Ombudsman's figures per council and year, computed from the stored decisions."),
        ("complaints", "The Ombudsman's decisions on complaints about councils."),
        ("reports", "Reports the Ombudsman published about councils."),
        ("service-improvements", "Changes councils agreed to make after a case."),
        ("annual-letters", "The Ombudsman's yearly letters to councils."),
        ("averages", "Averages the Ombudsman itself published per council type."),
        ("meta", "About the API itself."),
    ]

    /// The document; `serverURL` (such as `https://api.example.org`) is its one server, when known.
    static func build(serverURL: String?) -> JSONValue {
        var document: JSONObject = [
            "openapi": "3.1.0",
            "info": info,
        ]
        if let serverURL {
            document["servers"] = [["url": .string(serverURL)]]
        }
        document["tags"] = .array(tags.map { ["name": .string($0.name), "description": .string($0.description)] })
        document["paths"] = paths
        document["components"] = components
        return .object(document)
    }

    private static let info: JSONValue = [
        "title": "council-api",
        "version": .string(BuildInfo.version),
        "summary": "Complaint statistics of the Local Government and Social Care Ombudsman about English councils.",
        "description": """
        The decisions, reports, service improvements, annual letters and published averages of the Local \
        Government and Social Care Ombudsman (LGSCO) about English councils, and the statistics the \
        Ombudsman publishes for each council (decisions by outcome, upheld rate, upheld per 100,000 \
        residents, remedy and compliance rates) computed from the stored decisions and compared with the \
        averages of councils of the same type.

        Every record carries `demo`: true marks invented demonstration data shipped with the server, \
        which must never be taken for real Ombudsman figures.

        Conventions: JSON members are snake_case; dates are `YYYY-MM-DD`; reporting years run from 1 April \
        to 31 March and are written `2024-25`; a council is named by its id (`knowsley`) or GSS code \
        (`E08000011`); a case reference may be written `23 008 737`, `23008737` or `23-008-737`. Rates are \
        unrounded fractions from 0 to 1 and null when there is nothing to divide by. Lists take `limit` and \
        an opaque `cursor` and answer `{"items": [...], "next_cursor": ...}` with a `Link: <...>; rel="next"` \
        header while there are more pages. Lists and statistics are also available as CSV (`Accept: text/csv` \
        or `format=csv`). Every GET answers with an `ETag` and `Cache-Control: no-cache` and honours \
        `If-None-Match` with 304. Unknown query parameters are refused with 400, never ignored. Errors are \
        `application/problem+json` (RFC 9457). Every response carries `X-Request-Id`.

        Reads are open. Writes need `Authorization: Bearer <token>` and are disabled (403) when the server \
        has no token configured; POSTs accept an `Idempotency-Key` header.
        """,
    ]

    /// Path Item Objects: the operations grouped by path, in the order first documented.
    private static var paths: JSONValue {
        var paths = JSONObject()
        for operation in allOperations {
            var item = paths[operation.path]?.objectValue ?? JSONObject()
            item[operation.method.lowercased()] = operation.json
            paths[operation.path] = .object(item)
        }
        return .object(paths)
    }

    private static var components: JSONValue {
        func object(_ properties: Properties) -> JSONValue {
            .object(JSONObject(properties.map { ($0.name, $0.schema) }))
        }
        let schemas =
            vocabularySchemas + recordSchemas + inputSchemas + replacementSchemas + pageSchemas + statisticsSchemas
            + serviceSchemas + problemSchemas
        return [
            "schemas": object(schemas),
            "parameters": object(parameterComponents),
            "responses": object(responseComponents),
            "headers": object(headerComponents),
            "securitySchemes": [
                "bearerAuth": [
                    "type": "http", "scheme": "bearer",
                    "description": "The write token the server was configured with.",
                ]
            ],
        ]
    }
}
