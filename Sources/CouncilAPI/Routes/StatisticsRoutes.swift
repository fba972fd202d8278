import Domain
import HTTPServer
import JSON
import Repositories
import Statistics

/// The figures of the Ombudsman's council page, per council and year, over time, and as a league
/// table of all councils of one type.
struct StatisticsRoutes {
    let context: RouteContext
    let queries: StatisticsQueries
    /// Finished council statistics, answered on the I/O thread while the revision stands. A
    /// council-year's answer is a few kilobytes (JSON or CSV); 1,024 of them cover every council
    /// in a few years and both representations, in at most 8 MiB.
    let overviews = ResponseCache(capacity: 1024, byteLimit: 8 << 20)

    init(context: RouteContext) {
        self.context = context
        self.queries = StatisticsQueries(
            store: context.store, threshold: SmallNumberThreshold(context.configuration.smallNumberThreshold))
    }

    func register(in router: inout Router) {
        router.get(
            "/v1/councils/:council/statistics",
            inPlace: overviews.inPlace { [store = context.store] in store.knownRevision },
            handler: overviews.keeping { try overview($0) })
        router.get("/v1/councils/:council/statistics/history") { try history($0) }
        router.get("/v1/statistics") { try league($0) }
    }

    func overview(_ request: HTTPRequest) throws -> HTTPResponse {
        var query = QueryReader(request, allowed: ["year", "format"])
        let requestedYear = query.year()
        let format = query.choice("format", Representation.self)
        try query.validate()
        let representation = try Representation.negotiate(request, format: format)
        let council = try context.council(request)
        let year = try requestedYear ?? latestYear(of: council)
        let figures = try queries.figures(council: council, year: year)
        let averages = try queries.averages(type: council.type, year: year)
        let published = try queries.published(type: council.type, year: year)
        switch representation {
        case .json:
            return .json(
                StatisticsJSON.overview(
                    council: council, figures: figures, averages: averages, published: published,
                    threshold: queries.threshold))
        case .csv:
            let rows = [
                StatisticsRow(
                    council: council, figures: figures, averages: averages, published: published,
                    threshold: queries.threshold)
            ]
            return .csv(StatisticsRow.columns.render(rows), filename: "\(council.id)-statistics-\(year)")
        }
    }

    func history(_ request: HTTPRequest) throws -> HTTPResponse {
        var query = QueryReader(request, allowed: ["format"])
        let format = query.choice("format", Representation.self)
        try query.validate()
        let representation = try Representation.negotiate(request, format: format)
        let council = try context.council(request)
        let rows = try queries.history(council: council).map { figures in
            StatisticsRow(
                council: council, figures: figures,
                averages: try queries.averages(type: council.type, year: figures.year),
                published: try queries.published(type: council.type, year: figures.year),
                threshold: queries.threshold)
        }
        switch representation {
        case .json:
            let items = rows.map { row -> JSONValue in
                var object = StatisticsJSON.figures(row.figures, threshold: queries.threshold)
                object["comparison"] = StatisticsJSON.comparison(row.averages, published: row.published)
                return .object(object)
            }
            return .json(["council": RecordJSON.councilSummary(council), "items": .array(items)])
        case .csv:
            return .csv(StatisticsRow.columns.render(rows), filename: "\(council.id)-statistics-history")
        }
    }

    func league(_ request: HTTPRequest) throws -> HTTPResponse {
        var query = QueryReader(
            request, allowed: ["year", "type", "sort", "limit", "cursor", "format", "min_investigated"])
        let requestedYear = query.year()
        let type = query.choice("type", CouncilType.self)
        if query.raw("type") == nil {
            query.fail("type", "is required: one of \(CouncilType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var order = LeagueOrder(.upheldRate, .descending)
        if let sort = query.raw("sort") {
            if let parsed = LeagueOrder(parameter: sort) {
                order = parsed
            } else {
                query.fail(
                    "sort",
                    "must be one of \(SortKey.allCases.map(\.rawValue).joined(separator: ", ")), optionally prefixed with - for descending"
                )
            }
        }
        let minInvestigated = query.minInvestigated()
        let limit = query.limit(default: 20)
        let cursor = query.cursor()
        let position = cursor.flatMap(Self.position(from:))
        if cursor != nil && position == nil { query.fail("cursor", "is not a cursor of this league table") }
        let format = query.choice("format", Representation.self)
        try query.validate()
        let representation = try Representation.negotiate(request, format: format)
        guard let type else { throw HTTPError(.badRequest, detail: "type is required") }
        let year = try requestedYear ?? latestYear()

        let members = try queries.groupFigures(type: type, year: year)
        let averages = GroupAverages(councilType: type, year: year, members: members, threshold: queries.threshold)
        let published = try queries.published(type: type, year: year)
        // The filter narrows the table only: the averages stay those of the whole group.
        let listed = minInvestigated.map { minimum in members.filter { $0.investigated >= minimum } } ?? members
        let table = LeagueTable(listed, order: order)
        let remaining = position.map { table.rows(after: $0) } ?? table.rows[...]
        let pageRows = Array(remaining.prefix(limit))
        let next =
            remaining.count > limit ? pageRows.last.map { Cursor.encode(Self.cursorKey(table.position(of: $0))) } : nil
        let councils = try queries.councilsByID(type: type)

        var headers = HTTPHeaders()
        if let next { headers.set("Link", "<\(Listing.nextURL(request, cursor: next))>; rel=\"next\"") }
        switch representation {
        case .json:
            let items = pageRows.compactMap { row in
                councils[row.councilID].map {
                    StatisticsJSON.leagueRow(council: $0, figures: row.figures, threshold: queries.threshold)
                }
            }
            return .json(
                [
                    "year": .string(year.description),
                    "council_type": .string(type.rawValue),
                    "sort": .string(order.description),
                    "items": .array(items),
                    "next_cursor": JSONValue(next),
                    "averages": StatisticsJSON.comparison(averages, published: published),
                ], headers: headers)
        case .csv:
            let rows = pageRows.compactMap { row in
                councils[row.councilID].map {
                    StatisticsRow(
                        council: $0, figures: row.figures, averages: averages, published: published,
                        threshold: queries.threshold)
                }
            }
            var response = HTTPResponse.csv(
                StatisticsRow.columns.render(rows), filename: "statistics-\(type.rawValue)-\(year)")
            for (field, value) in headers { response.headers.set(field, value) }
            return response
        }
    }

    private func latestYear(of council: Council) throws -> FinancialYear {
        guard let year = try context.store.statistics.latestYear(council: council.id) else {
            throw HTTPError(
                .notFound, type: ProblemType.notFound.uri, title: "No statistics",
                detail: "no decisions are on record for \(council.id); ask for a year with ?year=YYYY-YY")
        }
        return year
    }

    private func latestYear() throws -> FinancialYear {
        guard let year = try context.store.statistics.years().last else {
            throw HTTPError(
                .notFound, type: ProblemType.notFound.uri, title: "No statistics", detail: "no decisions are on record")
        }
        return year
    }

    static func cursorKey(_ position: LeaguePosition) -> [String] {
        [position.value.map { String($0) } ?? "", position.councilID]
    }

    static func position(from key: [String]) -> LeaguePosition? {
        guard key.count == 2 else { return nil }
        if key[0].isEmpty { return LeaguePosition(value: nil, councilID: key[1]) }
        guard let value = Double(key[0]), value.isFinite else { return nil }
        return LeaguePosition(value: value, councilID: key[1])
    }
}

/// One line of a statistics CSV: a council-year's figures beside its group's averages, rounded as
/// the Ombudsman's page rounds them.
struct StatisticsRow {
    let council: Council
    let figures: CouncilFigures
    let averages: GroupAverages
    let published: PublishedComparison?
    let threshold: SmallNumberThreshold

    private static func small(_ metric: AverageMetric) -> @Sendable (StatisticsRow) -> String {
        { $0.figures.hasSmallNumbers(metric, threshold: $0.threshold) ? "true" : "false" }
    }

    /// The small-number flags come last, so the columns that existed before them keep their places.
    static let columns = CSVColumns<StatisticsRow>([
        ("council", { $0.council.id }), ("council_name", { $0.council.name }),
        ("council_type", { $0.council.type.rawValue }),
        ("year", { $0.figures.year.description }),
        ("dealt_with", { String($0.figures.dealtWith) }), ("not_for_us", { String($0.figures.notForUs) }),
        ("assessed_and_closed", { String($0.figures.assessedAndClosed) }),
        ("investigated", { String($0.figures.investigated) }), ("upheld", { String($0.figures.upheld) }),
        ("upheld_rate", { CSVFormat.percent($0.figures.upheldRate) }),
        ("upheld_per_100k", { CSVFormat.oneDecimal($0.figures.upheldPer100k) }),
        ("population", { CSVFormat.optional($0.figures.population?.population) }),
        ("population_year", { CSVFormat.optional($0.figures.population?.year) }),
        ("remedy_count", { String($0.figures.remedyCount) }),
        ("remedy_rate", { CSVFormat.percent($0.figures.remedyRate) }),
        ("compliance_recorded", { String($0.figures.complianceRecorded) }),
        ("complied", { String($0.figures.complied) }),
        ("compliance_rate", { CSVFormat.percent($0.figures.complianceRate) }),
        ("group_councils", { String($0.averages.groupSize) }),
        ("average_upheld_rate", { CSVFormat.percent($0.averages.upheldRate.mean) }),
        ("average_upheld_per_100k", { CSVFormat.oneDecimal($0.averages.upheldPer100k.mean) }),
        ("average_remedy_rate", { CSVFormat.percent($0.averages.remedyRate.mean) }),
        ("average_compliance_rate", { CSVFormat.percent($0.averages.complianceRate.mean) }),
        ("published_upheld_rate", { CSVFormat.percent($0.published?.upheldRate) }),
        ("published_upheld_per_100k", { CSVFormat.oneDecimal($0.published?.upheldPer100k) }),
        ("published_remedy_rate", { CSVFormat.percent($0.published?.remedyRate) }),
        ("published_compliance_rate", { CSVFormat.percent($0.published?.complianceRate) }),
        ("upheld_rate_small_numbers", small(.upheldRate)),
        ("upheld_per_100k_small_numbers", small(.upheldPer100k)),
        ("remedy_rate_small_numbers", small(.remedyRate)),
        ("compliance_rate_small_numbers", small(.complianceRate)),
    ])
}
