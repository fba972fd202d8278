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
        ("population", Schema.integer("Resident population.", minimum: 1)),
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
            Schema.nullable(Schema.enumeration(NotForUsReason.self, "Why the complaint was not for the Ombudsman; only for outcome not_for_us."))
        ),
        (
            "remedy_before_ombudsman",
            Schema.nullable(Schema.boolean("Upheld only: the council had already offered a satisfactory remedy."))
        ),
        (
            "compliance",
            Schema.nullable(Schema.enumeration(Compliance.self, "Upheld only: whether the council did what was recommended; null until recorded."))
        ),
        demoMember,
    ]

    static let reportProperties: Properties = [
        ("id", Schema.string("The report's identifier.", minLength: 1)),
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
            Schema.number("A fraction from 0 to 1 for rates, a figure per 100,000 residents for upheld_per_100k.", minimum: 0)
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
            ("CouncilID", Schema.string("A council's id: its gov.uk slug.", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", example: "knowsley")),
            ("GSSCode", Schema.string("The ONS GSS code of the council.", pattern: "^[EWSN][0-9]{8}$", example: "E08000011")),
            ("CouncilType", Schema.enumeration(CouncilType.self, "The group a council is compared with.")),
            (
                "ReportingYear",
                Schema.string(
                    "The Ombudsman's reporting year, 1 April to 31 March, named by its two calendar years.",
                    pattern: reportingYearPattern, example: "2024-25")
            ),
            (
                "CaseReference",
                Schema.string("An Ombudsman case reference in its published form.", pattern: "^[0-9]{2} [0-9]{3} [0-9]{3}$", example: "23 008 737")
            ),
            (
                "CaseReferenceInput",
                Schema.string(
                    "A case reference in any of its spellings: 23 008 737, 23008737 or 23-008-737.",
                    pattern: "^ *([0-9]{8}|[0-9]{2} [0-9]{3} [0-9]{3}|[0-9]{2}-[0-9]{3}-[0-9]{3}) *$", example: "23008737")
            ),
            ("Outcome", Schema.enumeration(Outcome.self, "How the Ombudsman dealt with the complaint; upheld and not_upheld were investigated.")),
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
            ("Report", Schema.object(reportProperties, description: "A report the Ombudsman published about a council.")),
            (
                "ServiceImprovement",
                Schema.object(serviceImprovementProperties, description: "Changes a council agreed to make after a case.")
            ),
            ("AnnualLetter", Schema.object(annualLetterProperties, description: "The Ombudsman's yearly letter to a council.")),
            (
                "PublishedAverage",
                Schema.object(publishedAverageProperties, description: "An average the Ombudsman itself published for a council type and year.")
            ),
        ]
    }

    static var inputSchemas: Properties {
        [
            (
                "CouncilInput",
                Schema.input(
                    from: councilProperties, required: ["id", "name", "short_name", "gss_code", "type"],
                    description: "A council to store. With PUT, id must be the council named in the path.")
            ),
            (
                "PopulationInput",
                Schema.input(
                    from: populationProperties, dropping: ["council"], required: ["year", "population", "source"],
                    description: "A population figure for the council named in the path; one per council and year.")
            ),
            (
                "ComplaintInput",
                Schema.input(
                    from: complaintProperties, dropping: ["year", "demo"],
                    replacing: [("reference", Schema.ref("CaseReferenceInput"))],
                    required: ["reference", "council", "decided", "category", "outcome"],
                    description: """
                        A decision to store. The reporting year follows from decided. not_for_us_reason is only \
                        allowed with outcome not_for_us, remedy_before_ombudsman and compliance only with upheld, \
                        and received must not be after decided. With PUT, reference must name the case in the path.
                        """)
            ),
            (
                "ReportInput",
                Schema.input(
                    from: reportProperties,
                    replacing: [
                        ("id", Schema.string("The report's identifier; generated when absent.", minLength: 1)),
                        ("reference", Schema.nullable(Schema.ref("CaseReferenceInput"))),
                    ],
                    required: ["council", "title", "summary", "published"], description: "A report to store.")
            ),
            (
                "ServiceImprovementInput",
                Schema.input(
                    from: serviceImprovementProperties, replacing: [("reference", Schema.ref("CaseReferenceInput"))],
                    required: ["reference", "council", "category", "decided", "source", "actions"],
                    description: "A service improvement to store; one per case reference.")
            ),
            (
                "AnnualLetterInput",
                Schema.input(
                    from: annualLetterProperties, required: ["council", "year", "published"],
                    description: "An annual letter to store; one per council and year.")
            ),
            (
                "PublishedAverageInput",
                Schema.input(
                    from: publishedAverageProperties, required: ["year", "council_type", "metric", "value"],
                    description: "A published average to store; one per year, council type and metric.")
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
        let listed = ["Council", "Population", "Complaint", "Report", "ServiceImprovement", "AnnualLetter", "PublishedAverage"]
        let cursor: (name: String, schema: JSONValue) = (
            "NextCursor",
            Schema.nullable(Schema.string("Pass as cursor to get the next page; null on the last page. Opaque: do not build or edit it."))
        )
        return [cursor] + listed.map { (name: "\($0)Page", schema: page(of: $0)) }
    }
}
