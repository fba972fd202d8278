import Domain
import JSON
import Statistics

/// Schemas of the statistics answers, as `StatisticsJSON` writes them.
///
/// The figures of one council-year appear in three answers (overview, history, league table);
/// their members are listed once in `figuresProperties` and spliced into each, so the three stay
/// identical. Metric and method names come from `AverageMetric` and `AveragingMethod`, as the
/// JSON's do.
extension OpenAPIDocument {
    static let figuresProperties: Properties = [
        ("year", Schema.ref("ReportingYear")),
        ("period", Schema.ref("Period")),
        ("complaints", Schema.ref("ComplaintCounts")),
        ("upheld", Schema.ref("UpheldFigures")),
        ("remedy", Schema.ref("RemedyFigures")),
        ("compliance", Schema.ref("ComplianceFigures")),
    ]

    static let councilMember: (name: String, schema: JSONValue) = ("council", Schema.ref("CouncilSummary"))
    static let comparisonMember: (name: String, schema: JSONValue) = ("comparison", Schema.ref("Comparison"))

    /// One metric's average: rates are fractions, the per-100k figure is not.
    static func averageValue(_ metric: AverageMetric) -> JSONValue {
        switch metric {
        case .upheldRate: Schema.rate("Upheld over investigated.")
        case .upheldPer100k:
            Schema.nullable(
                Schema.number(
                    "Upheld per 100,000 residents. Null when no council of the group has a population on record.",
                    minimum: 0))
        case .remedyRate: Schema.rate("Remedied before the Ombudsman over upheld.")
        case .complianceRate: Schema.rate("Complied over compliance recorded.")
        }
    }

    /// The flag beside a rate whose denominator is `denominator`.
    private static func smallNumbers(_ denominator: String) -> JSONValue {
        Schema.boolean(
            "True when the rate rests on fewer cases than the small-number threshold (--small-number-threshold, "
                + "10 by default): fewer than that many \(denominator).")
    }

    static var statisticsSchemas: Properties {
        let metrics = AverageMetric.allCases
        let methods = AveragingMethod.allCases.map(\.rawValue)
        return [
            (
                "Period",
                Schema.object(
                    [("start", Schema.date("1 April.")), ("end", Schema.date("31 March."))],
                    description: "The first and last day of the reporting year.")
            ),
            (
                "ComplaintCounts",
                Schema.object([
                    ("dealt_with", Schema.count("Decisions of every outcome.")),
                    ("not_for_us", Schema.count("Complaints that were not for the Ombudsman or not ready for it.")),
                    ("assessed_and_closed", Schema.count("Complaints closed after initial assessment.")),
                    ("investigated", Schema.count("Detailed investigations: upheld plus not upheld.")),
                ])
            ),
            (
                "UpheldFigures",
                Schema.object([
                    ("count", Schema.count("Investigations upheld.")),
                    ("not_upheld", Schema.count("Investigations not upheld.")),
                    ("rate", Schema.rate("Upheld over investigated.")),
                    ("small_numbers", smallNumbers("investigated")),
                    ("per_100k", Schema.per100k("Upheld decisions per 100,000 residents.")),
                    (
                        "per_100k_small_numbers",
                        Schema.boolean(
                            "True when per_100k rests on fewer upheld decisions than the small-number threshold "
                                + "(its denominator, a population, is never small).")
                    ),
                    ("population", Schema.nullable(Schema.integer("The population divided by.", minimum: 1))),
                    ("population_year", Schema.nullable(Schema.integer("The year of that population estimate."))),
                    ("population_source", Schema.nullable(Schema.string("Where that population comes from."))),
                ])
            ),
            (
                "RemedyFigures",
                Schema.object([
                    (
                        "count",
                        Schema.count("Upheld decisions where the council had already offered a satisfactory remedy.")
                    ),
                    ("rate", Schema.rate("That count over upheld.")),
                    ("small_numbers", smallNumbers("upheld")),
                ])
            ),
            (
                "ComplianceFigures",
                Schema.object([
                    ("count", Schema.count("Upheld decisions where the council complied with the recommendations.")),
                    ("recorded", Schema.count("Upheld decisions with a compliance outcome recorded.")),
                    ("rate", Schema.rate("Complied over recorded.")),
                    ("small_numbers", smallNumbers("recorded")),
                ])
            ),
            (
                "Averages",
                Schema.object(
                    [("councils", Schema.count("Councils in the group."))]
                        + metrics.map { (name: $0.rawValue, schema: averageValue($0)) }
                        + [
                            (
                                "counted",
                                Schema.object(
                                    metrics.map { (name: $0.rawValue, schema: Schema.count()) },
                                    description:
                                        "For each metric, how many councils it averages (those whose own figure is not null)."
                                )
                            ),
                            (
                                "left_out_small_numbers",
                                Schema.object(
                                    metrics.map { (name: $0.rawValue, schema: Schema.count()) },
                                    description:
                                        "For each metric, how many councils with a figure were left out because it rests on "
                                        + "small numbers (always 0 for upheld_per_100k, see the README).")
                            ),
                        ],
                    description: "The group's averages computed one way.")
            ),
            (
                "ComputedAverages",
                Schema.object(
                    methods.map { (name: $0, schema: Schema.ref("Averages")) },
                    description: "The group's averages computed each way.")
            ),
            (
                "AveragingMethods",
                Schema.object(
                    methods.map { (name: $0, schema: Schema.string()) },
                    description: "How each way of averaging works, in words.")
            ),
            (
                "PublishedComparison",
                Schema.object(
                    metrics.map { (name: $0.rawValue, schema: Schema.nullable(Schema.number(minimum: 0))) } + [
                        ("demo", Schema.boolean("True when any of these values is demonstration data."))
                    ],
                    description:
                        "The averages the Ombudsman itself published for the group and year; null for one it did not publish."
                )
            ),
            (
                "Comparison",
                Schema.object(comparisonProperties(withType: true), description: "The council's type group, averaged.")
            ),
            (
                "Overview",
                Schema.object(
                    [councilMember] + figuresProperties + [comparisonMember],
                    description: "One council's statistics for one year, beside its group's averages.")
            ),
            (
                "HistoryItem",
                Schema.object(
                    figuresProperties + [comparisonMember], description: "One year of a council's statistics.")
            ),
            (
                "StatisticsHistory",
                Schema.object([
                    councilMember,
                    (
                        "items",
                        Schema.array(Schema.ref("HistoryItem"), "Every year with decisions on record, oldest first.")
                    ),
                ])
            ),
            (
                "LeagueTableRow",
                Schema.object(
                    [councilMember] + figuresProperties.filter { $0.name != "year" && $0.name != "period" },
                    description: "One council's figures; the year is the table's own, given once beside the items.")
            ),
            (
                "LeagueTableAverages",
                Schema.object(
                    comparisonProperties(withType: false),
                    description: "The averages of the whole group, not just this page.")
            ),
            (
                "LeagueTable",
                Schema.object([
                    ("year", Schema.ref("ReportingYear")),
                    ("council_type", Schema.ref("CouncilType")),
                    ("sort", Schema.ref("SortOrder")),
                    ("items", Schema.array(Schema.ref("LeagueTableRow"))),
                    ("next_cursor", Schema.ref("NextCursor")),
                    ("averages", Schema.ref("LeagueTableAverages")),
                ])
            ),
            (
                "SortOrder",
                Schema.enumeration(
                    sortOrders,
                    "A SortKey, ascending, or prefixed with - for descending. Councils without a value for a rate come last either way; ties go by council id."
                )
            ),
        ]
    }

    /// `upheld_rate`, `-upheld_rate`, … for every sort key.
    static var sortOrders: [String] {
        SortKey.allCases.flatMap { [$0.rawValue, "-\($0.rawValue)"] }
    }

    private static func comparisonProperties(withType: Bool) -> Properties {
        let type: Properties = withType ? [("council_type", Schema.ref("CouncilType"))] : []
        return type + [
            ("group_size", Schema.count("Councils of the type with at least one decision in the year.")),
            ("computed", Schema.ref("ComputedAverages")),
            ("methods", Schema.ref("AveragingMethods")),
            ("published", Schema.nullable(Schema.ref("PublishedComparison"))),
        ]
    }
}
