import JSON

/// `components.responses` and `components.headers`: the answers every operation shares (problems,
/// 304) and the headers they carry, defined once.
extension OpenAPIDocument {
    enum Response {
        /// A reference to `components/responses/<name>`.
        static func ref(_ name: String) -> JSONValue {
            ["$ref": .string("#/components/responses/\(name)")]
        }

        /// A response `headers` object naming header components by their component names.
        static func headers(_ components: [String]) -> JSONValue {
            .object(
                JSONObject(components.map { (headerNames[$0] ?? $0, ["$ref": .string("#/components/headers/\($0)")]) }))
        }

        /// A problem document (RFC 9457) answer.
        static func problem(_ description: String, headers extra: [String] = [], example: JSONValue? = nil) -> JSONValue
        {
            var media: JSONObject = ["schema": Schema.ref("Problem")]
            media["example"] = example
            return [
                "description": .string(description),
                "headers": headers(["XRequestId"] + extra),
                "content": ["application/problem+json": .object(media)],
            ]
        }

        /// The HTTP field name of each header component.
        static let headerNames = [
            "ETag": "ETag", "CacheControl": "Cache-Control", "Link": "Link", "XRequestId": "X-Request-Id",
            "Location": "Location", "IdempotentReplayed": "Idempotent-Replayed", "WWWAuthenticate": "WWW-Authenticate",
            "RetryAfter": "Retry-After", "ContentDisposition": "Content-Disposition", "AcceptPost": "Accept-Post",
            "Vary": "Vary", "RecordETag": "ETag", "CurrentETag": "ETag",
        ]
    }

    private static func header(_ description: String, _ schema: JSONValue = Schema.string()) -> JSONValue {
        ["description": .string(description), "schema": schema]
    }

    static var headerComponents: Properties {
        [
            (
                "ETag",
                header(
                    "A tag for this answer; send it back in If-None-Match to get 304 while nothing has changed.",
                    Schema.string(example: "\"42-9f86d081884c7d65\""))
            ),
            (
                "RecordETag",
                header(
                    """
                    The record's strong entity tag: the SHA-256 of its JSON as GET shows it, in quotes. The same \
                    record always has the same tag; send it in If-Match to PUT or DELETE the record only while it is \
                    unchanged.
                    """,
                    Schema.string(
                        pattern: "^\"[0-9a-f]{64}\"$",
                        example: "\"9f86d081884c7d650a2feb1ea7d5b3bd4b9c1fd8d2e8a0d6b7e0b4e0a9c4a1f3\""))
            ),
            (
                "CurrentETag",
                header(
                    "The strong entity tag the record has now (as current_etag in the body); absent when there is no record.",
                    Schema.string(pattern: "^\"[0-9a-f]{64}\"$"))
            ),
            (
                "CacheControl",
                header(
                    "Always no-cache: caches may keep the answer but must revalidate it.",
                    Schema.enumeration(["no-cache"]))
            ),
            (
                "Link",
                header(
                    "The next page, as <URL>; rel=\"next\" (RFC 8288); absent on the last page.",
                    Schema.string(example: "</v1/complaints?limit=20&cursor=AQZ0ZXN0>; rel=\"next\""))
            ),
            (
                "XRequestId",
                header(
                    "The request's id: the client's X-Request-Id when it sent a sane one, else a new one. Logged with the request."
                )
            ),
            (
                "Location",
                header(
                    "The URL of the stored record, or, for a record without a URL of its own, of the list that shows it.",
                    Schema.string(format: "uri-reference"))
            ),
            (
                "IdempotentReplayed",
                header(
                    "Present, with value true, when this answer is the replay of an earlier request with the same Idempotency-Key.",
                    Schema.enumeration(["true"]))
            ),
            (
                "WWWAuthenticate",
                header(
                    "The Bearer challenge (RFC 6750), with error=\"invalid_token\" when a token was sent and is not valid.",
                    Schema.string(example: "Bearer realm=\"council-api\", error=\"invalid_token\""))
            ),
            ("RetryAfter", header("Seconds to wait before retrying.", Schema.string(example: "1"))),
            (
                "ContentDisposition",
                header(
                    "With a CSV answer: attachment, with a file name for the download.",
                    Schema.string(example: "attachment; filename=\"complaints.csv\""))
            ),
            (
                "AcceptPost",
                header(
                    "The media type this operation reads (RFC 9110 section 15.5.16).",
                    Schema.string(example: "application/json"))
            ),
            (
                "Vary",
                header(
                    "Accept (the answer and its tag depend on it), and Origin when CORS is on.",
                    Schema.string(example: "Accept, Origin"))
            ),
        ]
    }

    static var problemSchemas: Properties {
        [
            (
                "Problem",
                Schema.object(
                    [
                        (
                            "type",
                            Schema.string(
                                "Identifies the kind of problem, for example /problems/invalid-parameter, a URI the server answers with a "
                                    + "description of the problem (GET /problems/{name}); about:blank when the status says it all.",
                                format: "uri-reference")
                        ),
                        ("title", Schema.string("A short summary of the kind of problem.")),
                        ("status", Schema.integer("The HTTP status code.", minimum: 100, maximum: 599)),
                        ("detail", Schema.string("What went wrong with this request, for people.")),
                        (
                            "instance",
                            Schema.string(
                                "The request id (the answer's X-Request-Id), naming this exchange in the server's logs."
                            )
                        ),
                        (
                            "errors",
                            Schema.array(
                                Schema.ref("FieldError"), "Present for validation failures: one entry per fault.")
                        ),
                        (
                            "current_etag",
                            Schema.string(
                                "Present in a 412 (type \(ProblemType.preconditionFailed.uri)) when the record exists: its "
                                    + "strong ETag now, to GET it again and retry with that tag in If-Match.",
                                pattern: "^\"[0-9a-f]{64}\"$")
                        ),
                        (
                            "records",
                            [
                                "type": "object",
                                "description": .string(
                                    "Present in a 409 of type \(ProblemType.councilHasRecords.uri): how many records of "
                                        + "each kind still name the council (kinds with none left out)."),
                                "additionalProperties": Schema.integer(minimum: 1),
                            ]
                        ),
                    ],
                    required: ["type", "title", "status", "detail", "instance"],
                    description: "Problem details (RFC 9457), the body of every error.")
            ),
            (
                "FieldError",
                Schema.object(
                    [
                        ("field", Schema.string("The JSON member, query parameter or header at fault.")),
                        ("message", Schema.string("What is wrong with it.")),
                        ("line", Schema.integer("For bulk uploads: the 1-based line of the upload.", minimum: 1)),
                    ],
                    required: ["field", "message"])
            ),
        ]
    }

    private static let invalidParameterExample: JSONValue = [
        "type": .string(ProblemType.invalidParameter.uri),
        "title": "Invalid query parameter",
        "status": 400,
        "detail": "yaer is not a known query parameter here; allowed: format, year",
        "errors": [["field": "yaer", "message": "is not a known query parameter here; allowed: format, year"]],
    ]

    private static let validationExample: JSONValue = [
        "type": .string(ProblemType.validation.uri),
        "title": "Unprocessable Content",
        "status": 422,
        "detail": "outcome must be one of: not_for_us, assessed_and_closed, upheld, not_upheld",
        "errors": [
            ["field": "outcome", "message": "must be one of: not_for_us, assessed_and_closed, upheld, not_upheld"]
        ],
    ]

    private static let bulkValidationExample: JSONValue = [
        "type": .string(ProblemType.validation.uri),
        "title": "Unprocessable Content",
        "status": 422,
        "detail": "2 of 1000 lines are invalid; nothing was written",
        "errors": [
            ["line": 3, "field": "decided", "message": "must be a real calendar date written YYYY-MM-DD"],
            ["line": 17, "field": "council", "message": "is not a known council"],
        ],
    ]

    static var responseComponents: Properties {
        [
            (
                "NotModified",
                [
                    "description": "The If-None-Match tag still matches: nothing has changed. No body.",
                    "headers": Response.headers(["ETag", "CacheControl", "XRequestId"]),
                ]
            ),
            (
                "BadRequest",
                Response.problem(
                    """
                    A query parameter is unknown (unknown parameters are refused, never ignored), repeated or \
                    malformed: a bad year, limit, cursor, date or enumeration value, or a date range that ends \
                    before it starts. errors names each one. Also \
                    when the URL holds an encoded NUL (%00) or bytes that are not UTF-8, which no value may contain.
                    """,
                    example: invalidParameterExample)
            ),
            (
                "MalformedRequest",
                Response.problem(
                    """
                    The body is not well-formed JSON (type \(ProblemType.malformedJSON.uri); detail gives the line and \
                    column, as in "Malformed JSON at line 3, column 14: …"), or a query parameter or the \
                    Idempotency-Key header is malformed (type \(ProblemType.invalidParameter.uri)).
                    """)
            ),
            (
                "Unauthorized",
                Response.problem(
                    "No valid Authorization: Bearer token (type \(ProblemType.unauthorized.uri)).",
                    headers: ["WWWAuthenticate"])
            ),
            (
                "WritesDisabled",
                Response.problem(
                    "Writes are disabled because the server has no write token configured (type \(ProblemType.writesDisabled.uri))."
                )
            ),
            (
                "NotFound",
                Response.problem(
                    "No such resource: an unknown council, case reference or report id (type \(ProblemType.notFound.uri))."
                )
            ),
            (
                "NotAcceptable",
                Response.problem(
                    "The Accept header asks for no representation this operation has (type \(ProblemType.notAcceptable.uri))."
                )
            ),
            (
                "IdempotencyConflict",
                Response.problem(
                    "A request with this Idempotency-Key is still being processed; retry after Retry-After seconds (type \(ProblemType.idempotencyConflict.uri)).",
                    headers: ["RetryAfter"])
            ),
            ("ContentTooLarge", Response.problem("The body is larger than the server accepts for this operation.")),
            (
                "UnsupportedMediaType",
                Response.problem(
                    "The Content-Type is missing or not one this operation reads: application/json, UTF-8 (type \(ProblemType.unsupportedMediaType.uri)).",
                    headers: ["AcceptPost"])
            ),
            (
                "ValidationFailed",
                Response.problem(
                    """
                    The JSON is well formed but not a valid record: a missing or unknown member, a value of the wrong \
                    type or format, an unknown council, or an inconsistent combination (type \(ProblemType.validation.uri)); \
                    errors names each fault. Also when the Idempotency-Key was already used for a different request \
                    (type \(ProblemType.idempotencyMismatch.uri)).
                    """,
                    example: validationExample)
            ),
            (
                "URITooLong",
                Response.problem("The request line (method, path and query) is longer than the server reads (8 KiB).")
            ),
            ("InternalError", Response.problem("The server failed; the cause is logged, not disclosed.")),
            (
                "NotReady",
                Response.problem(
                    "The server cannot serve this request now: it is starting (type \(ProblemType.notReady.uri)), its database cannot be reached (type \(ProblemType.databaseUnavailable.uri)), or it has too many connections or bodies in progress. Nothing was written; retry after Retry-After seconds.",
                    headers: ["RetryAfter"])
            ),
            (
                "PreconditionFailed",
                Response.problem(
                    """
                    If-Match does not match the record as it is now (it has changed since the tag was issued, or \
                    there is no record), or If-None-Match matches it (If-None-Match: * and the record exists) (type \
                    \(ProblemType.preconditionFailed.uri)). current_etag and the ETag header name the record's tag now \
                    when there is a record. Nothing was written.
                    """,
                    headers: ["CurrentETag"])
            ),
            (
                "PreconditionRequired",
                Response.problem(
                    """
                    The server runs with --require-if-match (REQUIRE_IF_MATCH=1) and the request has no If-Match (a PUT \
                    may send If-None-Match: * instead, to create) (type \(ProblemType.preconditionRequired.uri)). \
                    Nothing was written.
                    """)
            ),
            (
                "BulkTooLarge",
                Response.problem("The upload is larger than the bulk limit (64 MiB unless configured otherwise).")
            ),
            (
                "BulkValidationFailed",
                Response.problem(
                    """
                    Nothing was written (type \(ProblemType.validation.uri)): in atomic mode at least one line is invalid \
                    and errors lists every fault with its line (the first 1,000; detail says how many more); or, in \
                    either mode, the upload holds no complaint, its CSV header names columns that cannot be written, \
                    or its CSV quoting is broken.
                    """,
                    example: bulkValidationExample)
            ),
        ]
    }
}
