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
                    Stores decisions from NDJSON (application/x-ndjson, one ComplaintInput per line) or CSV (text/csv \
                    with a header row naming the same members). Each line is created, updated or left unchanged as with \
                    POST /v1/complaints. In atomic mode (the default) one bad line refuses the whole upload with 422 and \
                    nothing is written; in partial mode the good lines are written and the answer is 207 listing every \
                    line's result. Uploads may be far larger than other bodies (64 MiB unless configured otherwise).
                    """,
                parameters: refs(["BulkMode"]), body: bulkBody,
                successes: [
                    (
                        "200",
                        Answer.stored("BulkSummary", "Every line was stored (created, updated or unchanged).")
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
