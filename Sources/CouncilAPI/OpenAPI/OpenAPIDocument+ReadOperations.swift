import JSON

/// The reads: open to everyone, each with ETag and conditional GET.
extension OpenAPIDocument {
    private static func get(
        _ path: String, id: String, tag: String, summary: String, description: String = "",
        parameters: [JSONValue] = [],
        access: Operation.Access = .read, answer: JSONValue, problems: Properties = []
    ) -> Operation {
        Operation(
            method: "GET", path: path, id: id, tag: tag, summary: summary, description: description, access: access,
            parameters: parameters, successes: [("200", answer)], problems: problems)
    }

    /// References to shared parameters.
    static func refs(_ names: [String]) -> [JSONValue] {
        names.map { Parameter.ref($0) }
    }

    private static let paging = ["Limit", "Cursor", "Format"]
    private static let improvementPaging = ["ImprovementLimit", "Cursor", "Format"]

    private static let reportWindow = """
        Reports published in the ten years up to today; as_of moves today.
        """

    private static let improvementWindow = """
        Service improvements still published, newest first: those from a decision for five years after it, those \
        from a report for ten. as_of moves today. 10 per page unless limit says otherwise.
        """

    static var readOperations: [Operation] {
        [
            get(
                "/healthz", id: "getHealth", tag: "health", summary: "Liveness",
                description: "Answers while the process can serve HTTP at all.", access: .live,
                answer: Answer.live("HealthStatus", "The process is alive.")),
            get(
                "/readyz", id: "getReadiness", tag: "health", summary: "Readiness",
                description: "Answers 200 when the server can serve requests, 503 with a problem otherwise.",
                access: .live, answer: Answer.live("ReadinessStatus", "Ready to serve requests."),
                problems: [("503", Response.ref("NotReady"))]),
            get(
                "/metrics", id: "getMetrics", tag: "meta", summary: "Prometheus metrics",
                description: "Request counts and latency by route template, in the Prometheus text format 0.0.4.",
                access: .live,
                answer: [
                    "description": "The metrics.",
                    "headers": Response.headers(["XRequestId"]),
                    "content": ["text/plain": ["schema": Schema.string()]],
                ]),
            get(
                "/openapi.json", id: "getOpenAPIDocument", tag: "meta", summary: "This document",
                answer: [
                    "description": "The OpenAPI 3.1 document of this API.",
                    "headers": Response.headers(["ETag", "CacheControl", "XRequestId"]),
                    "content": ["application/json": ["schema": ["type": "object"]]],
                ]),
            get(
                "/problems/{name}", id: "getProblemType", tag: "meta", summary: "What a problem type means",
                description: "The description of a problem type (the `type` of a problem document): HTML when Accept "
                    + "prefers text/html, JSON otherwise.",
                answer: [
                    "description": "The problem type's description.",
                    "headers": Response.headers(["ETag", "CacheControl", "XRequestId"]),
                    "content": [
                        "application/json": [
                            "schema": Schema.object(
                                [
                                    ("type", Schema.string("The type URI.", format: "uri-reference")),
                                    ("title", Schema.string("The problem's title.")),
                                    ("description", Schema.string("What happened and what a client can do.")),
                                ],
                                required: ["type", "title", "description"])
                        ],
                        "text/html": ["schema": Schema.string()],
                    ],
                ],
                problems: [("404", Response.ref("NotFound"))]),
            // Councils.
            get(
                "/v1/councils", id: "listCouncils", tag: "councils", summary: "List councils",
                description: "Councils, optionally filtered by type, region and name.",
                parameters: refs(["CouncilType", "Region", "Search"] + paging),
                answer: Answer.list("Council", "A page of councils.")),
            get(
                "/v1/councils/{council}", id: "getCouncil", tag: "councils", summary: "Get a council",
                answer: Answer.record("Council", "The council.")),
            get(
                "/v1/councils/{council}/populations", id: "listPopulations", tag: "councils",
                summary: "List a council's populations",
                description: "Every population figure on record for the council, oldest first.",
                parameters: refs(paging),
                answer: Answer.list("Population", "A page of the council's populations.")),
            get(
                "/v1/councils/{council}/populations/{calendar_year}", id: "getPopulation", tag: "councils",
                summary: "Get a council's population for a year",
                answer: Answer.record("Population", "The population.")),
            // Statistics.
            get(
                "/v1/councils/{council}/statistics", id: "getCouncilStatistics", tag: "statistics",
                summary: "A council's statistics for a year",
                description: """
                    The figures the Ombudsman publishes for a council and year (decisions by outcome, upheld rate, \
                    per 100,000 residents, remedy and compliance), computed from the stored decisions, beside the \
                    averages of councils of the same type computed two ways and the averages the Ombudsman published.
                    """,
                parameters: [
                    Parameter.ref(
                        "Year",
                        description: "The reporting year; defaults to the latest year with decisions for this council."),
                    Parameter.ref("Format"),
                ],
                answer: Answer.read("Overview", "The council's figures and its group's averages.", csv: true)),
            get(
                "/v1/councils/{council}/statistics/history", id: "getCouncilStatisticsHistory", tag: "statistics",
                summary: "A council's statistics year by year",
                description:
                    "Every year with decisions on record, oldest first; each year takes the population on record for it.",
                parameters: refs(["Format"]),
                answer: Answer.read("StatisticsHistory", "The council's figures for each year.", csv: true)),
            get(
                "/v1/statistics", id: "getLeagueTable", tag: "statistics", summary: "League table of a council type",
                description: "The councils of one type ranked by one figure, with the averages of the whole group.",
                parameters: [
                    Parameter.ref(
                        "Year",
                        description: "The reporting year; defaults to the latest year with any decisions on record."),
                    Parameter.ref("GroupType"), Parameter.ref("Sort"), Parameter.ref("MinInvestigated"),
                ] + refs(paging),
                answer: Answer.read("LeagueTable", "A page of the ranking.", csv: true, paged: true),
                problems: [
                    (
                        "404",
                        Response.problem(
                            """
                            No year was given and no decisions are on record at all, so there is no latest year \
                            (type \(ProblemType.notFound.uri)).
                            """)
                    )
                ]),
            // Complaints.
            get(
                "/v1/complaints", id: "listComplaints", tag: "complaints", summary: "List decisions",
                parameters: refs(
                    ["CouncilFilter", "Year", "Category", "Subcategory", "Outcome", "DecidedFrom", "DecidedTo"] + paging
                ),
                answer: Answer.list("Complaint", "A page of decisions.")),
            get(
                "/v1/complaints/{reference}", id: "getComplaint", tag: "complaints", summary: "Get a decision",
                answer: Answer.record("Complaint", "The decision.")),
            // Reports.
            get(
                "/v1/reports", id: "listReports", tag: "reports", summary: "List reports", description: reportWindow,
                parameters: refs(["CouncilFilter", "AsOf"] + paging),
                answer: Answer.list("Report", "A page of reports.")),
            get(
                "/v1/reports/{id}", id: "getReport", tag: "reports", summary: "Get a report",
                answer: Answer.record("Report", "The report.")),
            get(
                "/v1/councils/{council}/reports", id: "listCouncilReports", tag: "reports",
                summary: "List a council's reports", description: reportWindow,
                parameters: refs(["AsOf"] + paging), answer: Answer.list("Report", "A page of the council's reports.")),
            // Service improvements.
            get(
                "/v1/service-improvements", id: "listServiceImprovements", tag: "service-improvements",
                summary: "List service improvements", description: improvementWindow,
                parameters: refs(["CouncilFilter", "Category", "AsOf"] + improvementPaging),
                answer: Answer.list("ServiceImprovement", "A page of service improvements.")),
            get(
                "/v1/councils/{council}/service-improvements", id: "listCouncilServiceImprovements",
                tag: "service-improvements", summary: "List a council's service improvements",
                description: improvementWindow,
                parameters: refs(["Category", "AsOf"] + improvementPaging),
                answer: Answer.list("ServiceImprovement", "A page of the council's service improvements.")),
            get(
                "/v1/service-improvements/{reference}", id: "getServiceImprovement", tag: "service-improvements",
                summary: "Get a service improvement",
                description: "The improvement agreed after the case, whether or not it is still published.",
                answer: Answer.record("ServiceImprovement", "The service improvement.")),
            // Annual letters.
            get(
                "/v1/councils/{council}/annual-letters", id: "listAnnualLetters", tag: "annual-letters",
                summary: "List a council's annual letters", parameters: refs(paging),
                answer: Answer.list("AnnualLetter", "A page of the council's annual letters.")),
            get(
                "/v1/councils/{council}/annual-letters/{year}", id: "getAnnualLetter", tag: "annual-letters",
                summary: "Get a council's annual letter for a year",
                answer: Answer.record("AnnualLetter", "The annual letter.")),
            // Published averages.
            get(
                "/v1/published-averages", id: "listPublishedAverages", tag: "averages",
                summary: "List the averages the Ombudsman published",
                description: "The Ombudsman's own averages per council type, year and metric, newest year first.",
                parameters: refs(["Year", "CouncilType"] + paging),
                answer: Answer.list("PublishedAverage", "A page of published averages.")),
            get(
                "/v1/published-averages/{year}/{council_type}/{metric}", id: "getPublishedAverage", tag: "averages",
                summary: "Get one average the Ombudsman published",
                answer: Answer.record("PublishedAverage", "The published average.")),
        ]
    }
}
