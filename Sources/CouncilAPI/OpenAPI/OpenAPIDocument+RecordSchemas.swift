import Domain
import JSON

/// Schemas of the records (as `RecordJSON` writes them) and of their inputs.
///
/// Each record's read members are listed once; its input schema is derived from that list, so a
/// member renamed in one cannot be forgotten in the other.
extension OpenAPIDocument {
    static let demoMember: (name: String, schema: JSONValue) = (
        "demo",
        Schema.boolean("True for invented demonstration data shipped with the server: never real Ombudsman figures.")
    )

    static let councilProperties: Properties = [
        ("id", Schema.ref("CouncilID")),
        ("name", Schema.string("Full name.", example: "Knowsley Metropolitan Borough Council")),
        ("short_name", Schema.string("Name as used in running text.", example: "Knowsley")),
        ("gss_code", Schema.ref("GSSCode")),
        ("type", Schema.ref("CouncilType")),
        ("region", Schema.nullable(Schema.string("English region.", example: "North West"))),
        demoMember,
    ]

    static let populationProperties: Properties = [
        ("council", Schema.ref("CouncilID")),
        ("year", Schema.integer("The calendar year of the estimate (mid-year).", minimum: 1)),
        ("population", Schema.integer("Resident population.", minimum: 1, maximum: Int.max)),
        ("source", Schema.string("Where the figure comes from.", example: "ons-mid-2023")),
    ]

    static let complaintProperties: Properties = [
        ("reference", Schema.ref("CaseReference")),
        ("council", Schema.ref("CouncilID")),
        ("received", Schema.nullable(Schema.date("When the Ombudsman received the complaint."))),
        ("decided", Schema.date("When the Ombudsman decided it; fixes the reporting year.")),
        ("year", Schema.ref("ReportingYear")),
        ("category", Schema.string("Service area.", example: "Adult care services")),
        ("subcategory", Schema.nullable(Schema.string("Narrower service area.", example: "Residential care"))),
        ("outcome", Schema.ref("Outcome")),
        (
            "not_for_us_reason",
            Schema.nullable(
                Schema.enumeration(
                    NotForUsReason.self, "Why the complaint was not for the Ombudsman; only for outcome not_for_us."))
        ),
        (
            "remedy_before_ombudsman",
            Schema.nullable(Schema.boolean("Upheld only: the council had already offered a satisfactory remedy."))
        ),
        (
            "compliance",
            Schema.nullable(
                Schema.enumeration(
                    Compliance.self, "Upheld only: whether the council did what was recommended; null until recorded."))
        ),
        demoMember,
    ]

    static let reportProperties: Properties = [
        ("id", Schema.ref("ReportID")),
        ("council", Schema.ref("CouncilID")),
        ("title", Schema.string()),
        ("summary", Schema.string()),
        ("published", Schema.date("Publication date; reports are shown for ten years after it.")),
        ("reference", Schema.nullable(Schema.ref("CaseReference"))),
        ("url", Schema.nullable(Schema.string(format: "uri"))),
        demoMember,
    ]

    static let serviceImprovementProperties: Properties = [
        ("reference", Schema.ref("CaseReference")),
        ("council", Schema.ref("CouncilID")),
        ("category", Schema.string("Service area.")),
        ("subcategory", Schema.nullable(Schema.string("Narrower service area."))),
        ("decided", Schema.date("Date of the decision or report the improvement came from.")),
        (
            "source",
            Schema.enumeration(ImprovementSource.self, "decision: published for five years after it; report: for ten.")
        ),
        ("actions", Schema.array(Schema.string(), "What the council agreed to do, in the order agreed.")),
        demoMember,
    ]

    static let annualLetterProperties: Properties = [
        ("council", Schema.ref("CouncilID")),
        ("year", Schema.ref("ReportingYear")),
        ("published", Schema.date()),
        ("url", Schema.nullable(Schema.string(format: "uri"))),
        ("text", Schema.nullable(Schema.string("The letter's text, when stored."))),
        demoMember,
    ]

    static let publishedAverageProperties: Properties = [
        ("year", Schema.ref("ReportingYear")),
        ("council_type", Schema.ref("CouncilType")),
        ("metric", Schema.ref("AverageMetric")),
        (
            "value",
            Schema.number(
                "A fraction from 0 to 1 for rates, a figure per 100,000 residents for upheld_per_100k.", minimum: 0)
        ),
        demoMember,
    ]

    /// Exactly the spellings `FinancialYear` accepts: a start year from 1900 to 9998, then the last
    /// two digits of the year after. A regular expression cannot add one, so the hundred endings are
    /// listed; a looser pattern would call years such as 2024-27 valid that the API refuses.
    static let reportingYearPattern: String = {
        func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let endings = (0..<100).map { "\(twoDigits($0))-\(twoDigits(($0 + 1) % 100))" }
        let any = endings.joined(separator: "|")
        let notPast9998 = endings.dropLast().joined(separator: "|")
        return "^(?:(?:19|[2-8][0-9]|9[0-8])(?:\(any))|99(?:\(notPast9998)))$"
    }()

    /// Shared vocabulary: identifiers and enumerations referred to by many schemas.
    static var vocabularySchemas: Properties {
        [
            (
                "CouncilID",
                Schema.string(
                    "A council's id: its gov.uk slug, cleaned to letters and digits joined by single hyphens "
                        + "(the register's st.-helens is st-helens; the former form is still answered).",
                    pattern: CouncilID.pattern, maxLength: CouncilID.maxLength, example: "knowsley")
            ),
            (
                "GSSCode",
                Schema.string("The ONS GSS code of the council.", pattern: GSSCode.pattern, example: "E08000011")
            ),
            (
                "ReportID",
                Schema.string(
                    "A report's id: lower-case letters and digits in words joined by single '-', '_' or '.'; when a "
                        + "report is posted without one, derived from council, published and title, so the same report "
                        + "posted twice is one record.",
                    pattern: ReportID.pattern, maxLength: ReportID.maxLength, example: "knowsley-2024-06-30-care-fees")
            ),
            ("CouncilType", Schema.enumeration(CouncilType.self, "The group a council is compared with.")),
            (
                "ReportingYear",
                Schema.string(
                    "The Ombudsman's reporting year, 1 April to 31 March, named by its two calendar years.",
                    pattern: reportingYearPattern, example: "2024-25")
            ),
            (
                "CaseReference",
                Schema.string(
                    "An Ombudsman case reference in its published form.", pattern: CaseReference.publishedPattern,
                    example: "23 008 737")
            ),
            (
                "CaseReferenceInput",
                Schema.string(
                    "A case reference in any of its spellings: 23 008 737, 23008737 or 23-008-737.",
                    pattern: CaseReference.inputPattern, example: "23008737")
            ),
            (
                "Outcome",
                Schema.enumeration(
                    Outcome.self, "How the Ombudsman dealt with the complaint; upheld and not_upheld were investigated."
                )
            ),
            ("AverageMetric", Schema.enumeration(AverageMetric.self)),
        ]
    }

    static var recordSchemas: Properties {
        [
            ("Council", Schema.object(councilProperties, description: "A council the Ombudsman reports on.")),
            (
                "CouncilSummary",
                Schema.object(
                    councilProperties.filter { ["id", "name", "type"].contains($0.name) },
                    description: "The short form of a council embedded in other answers.")
            ),
            ("Population", Schema.object(populationProperties)),
            ("Complaint", Schema.object(complaintProperties, description: "One decision of the Ombudsman.")),
            (
                "Report",
                Schema.object(reportProperties, description: "A report the Ombudsman published about a council.")
            ),
            (
                "ServiceImprovement",
                Schema.object(
                    serviceImprovementProperties, description: "Changes a council agreed to make after a case.")
            ),
            (
                "AnnualLetter",
                Schema.object(annualLetterProperties, description: "The Ombudsman's yearly letter to a council.")
            ),
            (
                "PublishedAverage",
                Schema.object(
                    publishedAverageProperties,
                    description: "An average the Ombudsman itself published for a council type and year.")
            ),
        ]
    }

    /// A council named in an input: its id or its GSS code (stored as the id); it must exist.
    static let councilKeyInput = Schema.string(
        "The council's id or GSS code; it must be a council on record (otherwise 422).", minLength: 1, maxLength: 100,
        example: "knowsley")

    /// A character that shows: not white space, not a control character, not an invisible format
    /// character (`InputReader.isInvisible`: zero-width spaces and joiners, direction marks, the
    /// byte order mark), so a value of only those is blank.
    static let visibleCharacter =
        "[^\\s\\x00-\\x1F\\x7F-\\x9F\\u00AD\\u180E\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF]"
    /// Text with at least one visible character and no control characters (C0, DEL, C1) nor line
    /// or paragraph separators (U+2028, U+2029): what the input reader accepts for one-line fields.
    static let singleLinePattern =
        "^[^\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029]*" + visibleCharacter + "[^\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029]*$"
    /// The same, with line breaks and tabs allowed.
    static let multilinePattern =
        "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*" + visibleCharacter
        + "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*$"

    /// One line of text: no control characters.
    static func line(_ description: String? = nil, maxLength: Int, example: String? = nil) -> JSONValue {
        Schema.string(description, pattern: singleLinePattern, minLength: 1, maxLength: maxLength, example: example)
    }

    /// `YYYY-MM-DD` from 1900-04-01 (`CalendarDate.earliestRecorded`, the first day of the earliest
    /// reporting year the API names): the years 1900 (April on) to 9999. The pattern only bounds
    /// the year and month; `format: date` rules out impossible days.
    static let recordedDatePattern =
        "^(?:1900-(?:0[4-9]|1[0-2])|19(?:0[1-9]|[1-9][0-9])-(?:0[1-9]|1[0-2])|[2-9][0-9]{3}-(?:0[1-9]|1[0-2]))-(?:0[1-9]|[12][0-9]|3[01])$"

    /// A date a record stores, as an input: a real day, not before 1900-04-01.
    static func recordedDate(_ description: String) -> JSONValue {
        Schema.string(
            description
                + " Not before \(CalendarDate.earliestRecorded.iso), the first day of the earliest reporting year.",
            format: "date", pattern: recordedDatePattern, example: "2024-06-30")
    }

    /// An absolute http(s) URL.
    static let webURLInput = Schema.nullable(
        Schema.string(
            "An absolute http:// or https:// URL.", format: "uri", pattern: "^[Hh][Tt][Tt][Pp][Ss]?://", maxLength: 2000
        ))

    static var inputSchemas: Properties {
        let category = line("Service area.", maxLength: 200, example: "Adult care services")
        let subcategory = Schema.nullable(line("Narrower service area.", maxLength: 200))
        let actions: JSONValue = [
            "type": "array", "minItems": 1, "maxItems": 100,
            "items": Schema.string(pattern: multilinePattern, minLength: 1, maxLength: 2000),
            "description": "What the council agreed to do, in the order agreed: 1 to 100 non-blank entries.",
        ]
        return [
            (
                "CouncilInput",
                Schema.input(
                    from: councilProperties,
                    replacing: [
                        ("name", line("Full name.", maxLength: 200, example: "Knowsley Metropolitan Borough Council")),
                        ("short_name", line("Name as used in running text.", maxLength: 100, example: "Knowsley")),
                        ("region", Schema.nullable(line("English region.", maxLength: 100, example: "North West"))),
                    ],
                    required: ["id", "name", "short_name", "gss_code", "type"],
                    description: """
                        A council to store, identified by its GSS code. With PUT, id must be the council named in the \
                        path, unless the path is the council's GSS code (which is how an id is changed).
                        """)
            ),
            (
                "PopulationInput",
                Schema.input(
                    from: populationProperties, dropping: ["council"],
                    replacing: [
                        (
                            "year",
                            Schema.integer(
                                "The calendar year of the estimate (mid-year).", minimum: 1900, maximum: 2100)
                        ),
                        ("source", line("Where the figure comes from.", maxLength: 200, example: "ons-mid-2023")),
                    ],
                    required: ["year", "population", "source"],
                    description: "A population figure for the council named in the path; one per council and year.")
            ),
            (
                "ComplaintInput",
                Schema.input(
                    from: complaintProperties, dropping: ["year", "demo"],
                    replacing: [
                        ("reference", Schema.ref("CaseReferenceInput")), ("council", councilKeyInput),
                        ("received", Schema.nullable(recordedDate("When the Ombudsman received the complaint."))),
                        ("decided", recordedDate("When the Ombudsman decided it; fixes the reporting year.")),
                        ("category", category), ("subcategory", subcategory),
                    ],
                    required: ["reference", "council", "decided", "category", "outcome"],
                    description: """
                        A decision to store. The reporting year follows from decided. not_for_us_reason is only \
                        allowed with outcome not_for_us, remedy_before_ombudsman and compliance only with upheld, \
                        received must not be after decided, and decided must not be in the future. year and demo are \
                        set by the server and refused.
                        """)
            ),
            (
                "ReportInput",
                Schema.input(
                    from: reportProperties,
                    replacing: [
                        (
                            "id",
                            // Null is absent, as for every optional member of an input.
                            Schema.nullable(
                                Schema.string(
                                    "The report's identifier; when absent or null, derived from council, published and title, so the same report posted twice is one record.",
                                    pattern: ReportID.pattern, minLength: 1, maxLength: ReportID.maxLength))
                        ),
                        ("council", councilKeyInput),
                        ("title", line(maxLength: 300)),
                        (
                            "summary",
                            Schema.string(
                                "Line breaks allowed.", pattern: multilinePattern, minLength: 1, maxLength: 5000)
                        ),
                        ("published", recordedDate("Publication date; not in the future.")),
                        ("reference", Schema.nullable(Schema.ref("CaseReferenceInput"))),
                        ("url", webURLInput),
                    ],
                    required: ["council", "title", "summary", "published"], description: "A report to store.")
            ),
            (
                "ServiceImprovementInput",
                Schema.input(
                    from: serviceImprovementProperties,
                    replacing: [
                        ("reference", Schema.ref("CaseReferenceInput")), ("council", councilKeyInput),
                        ("category", category), ("subcategory", subcategory),
                        (
                            "decided",
                            recordedDate("Date of the decision or report the improvement came from; not in the future.")
                        ),
                        ("actions", actions),
                    ],
                    required: ["reference", "council", "category", "decided", "source", "actions"],
                    description:
                        "A service improvement to store; one per case reference. decided must not be in the future.")
            ),
            (
                "AnnualLetterInput",
                Schema.input(
                    from: annualLetterProperties,
                    replacing: [
                        ("council", councilKeyInput),
                        ("published", recordedDate("Publication date; not in the future.")),
                        ("url", webURLInput),
                        (
                            "text",
                            Schema.nullable(
                                Schema.string(
                                    "The letter's text; line breaks allowed.", pattern: multilinePattern, minLength: 1,
                                    maxLength: 100_000))
                        ),
                    ],
                    required: ["council", "year", "published"],
                    description: """
                        An annual letter to store; one per council and year. url or text (or both) is required. \
                        published must not be in the future nor before the year it reports on starts.
                        """,
                    // A letter is a link, its text or both, never neither (422 on url otherwise).
                    rules: [
                        "anyOf": [
                            ["required": ["url"], "properties": ["url": ["type": "string"]]],
                            ["required": ["text"], "properties": ["text": ["type": "string"]]],
                        ]
                    ])
            ),
            (
                "PublishedAverageInput",
                Schema.input(
                    from: publishedAverageProperties, required: ["year", "council_type", "metric", "value"],
                    description:
                        "A published average to store; one per year, council type and metric. Rates must be fractions from 0 to 1.",
                    // Every metric but upheld_per_100k is a rate (422 on value above 1).
                    rules: [
                        "if": [
                            "required": ["metric"],
                            "properties": [
                                "metric": Schema.enumeration(AverageMetric.allCases.filter(\.isRate).map(\.rawValue))
                            ],
                        ],
                        "then": ["properties": ["value": ["maximum": 1]]],
                    ])
            ),
        ]
    }

    /// `{"items": [...], "next_cursor": ...}`, the body of every list.
    static func page(of item: String) -> JSONValue {
        Schema.object(
            [
                ("items", Schema.array(Schema.ref(item))),
                ("next_cursor", Schema.ref("NextCursor")),
            ],
            description: "One page of \(item) records.")
    }

    static var pageSchemas: Properties {
        let listed = [
            "Council", "Population", "Complaint", "Report", "ServiceImprovement", "AnnualLetter", "PublishedAverage",
        ]
        let cursor: (name: String, schema: JSONValue) = (
            "NextCursor",
            Schema.nullable(
                Schema.string(
                    "Pass as cursor to get the next page; null on the last page. Opaque: do not build or edit it."))
        )
        return [cursor] + listed.map { (name: "\($0)Page", schema: page(of: $0)) }
    }
}
