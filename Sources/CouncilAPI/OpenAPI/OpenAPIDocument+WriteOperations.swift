import JSON

/// The writes: each needs the bearer token; each POST may carry an Idempotency-Key.
extension OpenAPIDocument {
    private static func write(
        _ method: String, _ path: String, id: String, tag: String, summary: String, description: String = "",
        parameters: [JSONValue] = [], body: JSONValue?, successes: Properties, problems: Properties = []
    ) -> Operation {
        Operation(
            method: method, path: path, id: id, tag: tag, summary: summary, description: description, access: .write,
            parameters: parameters, requestBody: body, successes: successes, problems: problems)
    }

    /// A JSON upsert of `input`, answering with `record` (201 with Location when new, 200 otherwise).
    private static func upsert(
        _ method: String, _ path: String, id: String, tag: String, summary: String, description: String = "",
        input: String, record: String, problems: Properties = []
    ) -> Operation {
        write(
            method, path, id: id, tag: tag, summary: summary, description: description, body: Answer.body(input),
            successes: Answer.upsert(record, located: true), problems: problems)
    }

    /// `PUT` and `DELETE` of one record at its own URL (`RecordResourceRoutes`); `keyedBy` names
    /// the body members the path decides, `noun` the record ("a report").
    private static func recordWrites(
        _ path: String, record: String, tag: String, noun: String, keyedBy: String, extra: String = ""
    ) -> [Operation] {
        [
            upsert(
                "PUT", path, id: "put\(record)", tag: tag, summary: "Create or replace \(noun)",
                description: """
                    Creates \(noun) (201, Location its URL) or replaces it (200), demo data included. \(keyedBy) \
                    come from the path: the body may leave them out, and when it gives them they must name this \
                    record (otherwise 422 on each member that differs). \(extra)\(writeRules)
                    """,
                input: "\(record)Replacement", record: record),
            write(
                "DELETE", path, id: "delete\(record)", tag: tag, summary: "Delete \(noun)",
                description: "Removes \(noun): 204, or 404 when there is none.", body: nil,
                successes: [("204", ["description": "Deleted.", "headers": Response.headers(["XRequestId"])])]),
        ]
    }

    private static let bulkBody: JSONValue = [
        "required": true,
        "content": [
            "application/x-ndjson": [
                "schema": Schema.string("One ComplaintInput JSON object per line.")
            ],
            "text/csv": [
                "schema": Schema.string(
                    "RFC 4180 CSV whose header row names ComplaintInput members (reference, council, decided, category, outcome, …); empty cells are absent values."
                )
            ],
        ],
    ]

    /// What every JSON write shares, stated once in each operation's description.
    private static let writeRules = """
        The body is one JSON object (Content-Type application/json; a charset parameter must be UTF-8) whose \
        members are those the read API shows, without the ones the server sets (demo, and a decision's year), \
        which are refused. Every fault is listed at once in errors, each with its field: unknown members are \
        refused, never ignored. A 2xx answer means the write is committed and durable.
        """

    /// 409 of a POST that can also find its key in use.
    private static func conflict(_ meaning: String) -> JSONValue {
        Response.problem(
            """
            \(meaning) Also when a request with the same Idempotency-Key is still being processed \
            (type \(ProblemType.idempotencyConflict.uri); retry after Retry-After seconds to get its answer).
            """, headers: ["RetryAfter"])
    }

    private static let councilIDTaken = """
        The id is already held by another council (one with a different GSS code) (type \(ProblemType.validation.uri); \
        errors names id).
        """

    static var writeOperations: [Operation] {
        [
            // Councils.
            upsert(
                "POST", "/v1/councils", id: "createCouncil", tag: "councils", summary: "Store a council",
                description: """
                    Creates the council, or replaces the one with the same GSS code (its official identity; the id may \
                    change, and its records follow). \(writeRules)
                    """,
                input: "CouncilInput", record: "Council", problems: [("409", conflict(councilIDTaken))]),
            upsert(
                "PUT", "/v1/councils/{council}", id: "putCouncil", tag: "councils",
                summary: "Create or replace a council",
                description: """
                    The path names the council by its id or its GSS code, and the body's id must be that id; PUT to \
                    the GSS code to change a council's id (otherwise 422 on id). \(writeRules)
                    """,
                input: "CouncilInput", record: "Council", problems: [("409", Response.problem(councilIDTaken))]),
            write(
                "DELETE", "/v1/councils/{council}", id: "deleteCouncil", tag: "councils", summary: "Delete a council",
                description: """
                    Removes a council no decision, report, service improvement or annual letter names, with its \
                    populations (for a council stored by mistake): 204, or 404 when there is no such council.
                    """,
                body: nil,
                successes: [("204", ["description": "Deleted.", "headers": Response.headers(["XRequestId"])])],
                problems: [
                    (
                        "409",
                        Response.problem(
                            """
                            Records still name the council (type \(ProblemType.councilHasRecords.uri)); records counts \
                            them by kind. Nothing was written.
                            """)
                    )
                ]),
            upsert(
                "POST", "/v1/councils/{council}/populations", id: "createPopulation", tag: "councils",
                summary: "Store a council's population for a year",
                description: """
                    Creates or replaces the population of the council in the path for the year. Location is its \
                    URL. \(writeRules)
                    """,
                input: "PopulationInput", record: "Population"),
            // Complaints.
            upsert(
                "POST", "/v1/complaints", id: "createComplaint", tag: "complaints", summary: "Store a decision",
                description: """
                    Stores a new decision (201). Posting a decision identical to the one on record answers 200 and \
                    changes nothing; posting a DIFFERENT decision under a reference already on record is refused \
                    with 409 (type \(ProblemType.recordExists.uri)): a correction must be explicit, with PUT \
                    /v1/complaints/{reference}. The council must exist (422 on council). \(writeRules)
                    """,
                input: "ComplaintInput", record: "Complaint",
                problems: [
                    (
                        "409",
                        conflict(
                            """
                            A different decision with this reference is on record (type \(ProblemType.recordExists.uri)); \
                            PUT it to /v1/complaints/{reference}, given in Location, to correct it.
                            """)
                    )
                ]),
            write(
                "POST", "/v1/complaints/bulk", id: "bulkLoadComplaints", tag: "complaints",
                summary: "Store many decisions",
                description: """
                    Stores decisions from NDJSON (application/x-ndjson, one ComplaintInput per line; blank lines are \
                    skipped and the final newline is optional) or CSV (text/csv with a header row naming ComplaintInput \
                    members; an empty cell is an absent value, booleans are true or false). Each line is validated as \
                    POST /v1/complaints validates a decision, and then created, updated (an upload replaces a decision \
                    on record) or left unchanged; sending the same upload again changes nothing. Faults name the \
                    physical line of the body, counted from 1 (for CSV, the line where the record starts). A case \
                    reference may appear once per upload: a later line repeating the reference of a line already \
                    stored fails. The body is read as a stream and all lines are written in ONE transaction. In \
                    atomic mode (the default) one bad line refuses the whole upload with 422 listing every fault (the \
                    first 1,000; detail says how many more) and nothing is written. In partial mode the good lines are \
                    written and the answer lists every line's result: 207 when some line failed, 200 otherwise. An \
                    upload with no complaint, a CSV header naming unknown or server-set columns, and CSV quoting so \
                    broken that rows cannot be told apart refuse the upload (422) in either mode. Uploads may be far \
                    larger than other bodies (64 MiB unless the server is configured otherwise). With an \
                    Idempotency-Key, the answer of a stored upload is kept and replayed like any write's.
                    """,
                parameters: refs(["BulkMode"]), body: bulkBody,
                successes: [
                    (
                        "200",
                        Answer.stored(
                            "BulkSummary",
                            "Every line was stored (created, updated or unchanged). In partial mode the answer also has results (empty) and unlisted_failures, as a BulkReport."
                        )
                    ),
                    (
                        "207",
                        Answer.stored(
                            "BulkReport",
                            "Partial mode with at least one bad line: the good lines were stored; results lists the failed lines (the first 1,000), unlisted_failures counts the rest."
                        )
                    ),
                ],
                problems: [
                    ("400", Response.ref("BadRequest")),
                    ("413", Response.ref("BulkTooLarge")),
                    ("422", Response.ref("BulkValidationFailed")),
                ]),
            // Reports, improvements, letters, averages.
            upsert(
                "POST", "/v1/reports", id: "createReport", tag: "reports", summary: "Store a report",
                description: """
                    Creates the report, or replaces the one with the same id. Without an id, one is derived from the \
                    council, publication date and title, so posting the same report again replaces it rather than \
                    adding a copy. \(writeRules)
                    """,
                input: "ReportInput", record: "Report"),
            upsert(
                "POST", "/v1/service-improvements", id: "createServiceImprovement", tag: "service-improvements",
                summary: "Store a service improvement",
                description: """
                    Creates the improvement, or replaces the one with the same case reference (actions included). \
                    Location is its URL. \(writeRules)
                    """,
                input: "ServiceImprovementInput", record: "ServiceImprovement"),
            upsert(
                "POST", "/v1/annual-letters", id: "createAnnualLetter", tag: "annual-letters",
                summary: "Store an annual letter",
                description: """
                    Creates the letter, or replaces the council's letter for the year. Location is its URL. \
                    \(writeRules)
                    """,
                input: "AnnualLetterInput", record: "AnnualLetter"),
            upsert(
                "POST", "/v1/published-averages", id: "createPublishedAverage", tag: "averages",
                summary: "Store an average the Ombudsman published",
                description: """
                    Creates the average, or replaces the one for the same year, council type and metric. Location \
                    is its URL. \(writeRules)
                    """,
                input: "PublishedAverageInput", record: "PublishedAverage"),
        ] + recordWriteOperations
    }

    /// Every record with a URL of its own (`RecordResource`), written there.
    private static var recordWriteOperations: [Operation] {
        recordWrites(
            "/v1/councils/{council}/populations/{calendar_year}", record: "Population", tag: "councils",
            noun: "a council's population for a year", keyedBy: "The council and year",
            extra: "The body must not name the council. ")
            + recordWrites(
                "/v1/complaints/{reference}", record: "Complaint", tag: "complaints", noun: "a decision",
                keyedBy: "The reference (in any spelling)")
            + recordWrites(
                "/v1/reports/{id}", record: "Report", tag: "reports", noun: "a report", keyedBy: "The id",
                extra: "A URL with an id stored before ids were cleaned addresses the record under its clean id. ")
            + recordWrites(
                "/v1/service-improvements/{reference}", record: "ServiceImprovement", tag: "service-improvements",
                noun: "a service improvement", keyedBy: "The reference (in any spelling)",
                extra: "The actions are replaced as a whole. ")
            + recordWrites(
                "/v1/councils/{council}/annual-letters/{year}", record: "AnnualLetter", tag: "annual-letters",
                noun: "a council's annual letter for a year",
                keyedBy: "The council (its id or GSS code) and year")
            + recordWrites(
                "/v1/published-averages/{year}/{council_type}/{metric}", record: "PublishedAverage", tag: "averages",
                noun: "a published average", keyedBy: "The year, council type and metric")
    }
}
