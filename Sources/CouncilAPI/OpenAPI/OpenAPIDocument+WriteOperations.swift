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

    /// A JSON upsert of `input`, answering with `record`.
    private static func upsert(
        _ method: String, _ path: String, id: String, tag: String, summary: String, description: String = "",
        input: String, record: String, located: Bool = false
    ) -> Operation {
        write(
            method, path, id: id, tag: tag, summary: summary, description: description, body: Answer.body(input),
            successes: Answer.upsert(record, located: located))
    }

    private static let bulkBody: JSONValue = [
        "required": true,
        "content": [
            "application/x-ndjson": [
                "schema": Schema.string("One ComplaintInput JSON object per line.")
            ],
            "text/csv": [
                "schema": Schema.string(
                    "RFC 4180 CSV whose header row names ComplaintInput members (reference, council, decided, category, outcome, …); empty cells are absent values.")
            ],
        ],
    ]

    static var writeOperations: [Operation] {
        [
            // Councils.
            upsert(
                "POST", "/v1/councils", id: "createCouncil", tag: "councils", summary: "Store a council",
                input: "CouncilInput", record: "Council", located: true),
            upsert(
                "PUT", "/v1/councils/{council}", id: "putCouncil", tag: "councils", summary: "Create or replace a council",
                input: "CouncilInput", record: "Council", located: true),
            upsert(
                "POST", "/v1/councils/{council}/populations", id: "createPopulation", tag: "councils",
                summary: "Store a council's population for a year", input: "PopulationInput", record: "Population"),
            // Complaints.
            upsert(
                "POST", "/v1/complaints", id: "createComplaint", tag: "complaints", summary: "Store a decision",
                input: "ComplaintInput", record: "Complaint", located: true),
            upsert(
                "PUT", "/v1/complaints/{reference}", id: "putComplaint", tag: "complaints",
                summary: "Create or replace a decision", input: "ComplaintInput", record: "Complaint", located: true),
            write(
                "DELETE", "/v1/complaints/{reference}", id: "deleteComplaint", tag: "complaints", summary: "Delete a decision",
                body: nil,
                successes: [
                    ("204", ["description": "Deleted.", "headers": Response.headers(["XRequestId"])])
                ]),
            write(
                "POST", "/v1/complaints/bulk", id: "bulkLoadComplaints", tag: "complaints", summary: "Store many decisions",
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
                            "Every line was stored (created, updated or unchanged). In partial mode the answer also has results, as a BulkReport.")
                    ),
                    (
                        "207",
                        Answer.stored("BulkReport", "Partial mode with at least one bad line: the good lines were stored; results gives every line's fate.")
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
                input: "ReportInput", record: "Report", located: true),
            upsert(
                "POST", "/v1/service-improvements", id: "createServiceImprovement", tag: "service-improvements",
                summary: "Store a service improvement", input: "ServiceImprovementInput", record: "ServiceImprovement"),
            upsert(
                "POST", "/v1/annual-letters", id: "createAnnualLetter", tag: "annual-letters",
                summary: "Store an annual letter", input: "AnnualLetterInput", record: "AnnualLetter"),
            upsert(
                "POST", "/v1/published-averages", id: "createPublishedAverage", tag: "averages",
                summary: "Store an average the Ombudsman published", input: "PublishedAverageInput", record: "PublishedAverage"),
        ]
    }
}
