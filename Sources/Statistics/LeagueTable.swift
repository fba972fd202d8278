/// One line of a league table: a council and its figures for the year.
public struct LeagueRow: Hashable, Sendable {
    public let figures: CouncilFigures

    public init(figures: CouncilFigures) {
        self.figures = figures
    }

    public var councilID: String { figures.councilID }
}

/// Councils ranked by one figure.
///
/// The order is total and deterministic so that pages of a table never overlap or skip a council
/// and the same request always gives the same bytes (which ETags rely on): councils without the
/// figure (nil rate) come last in either direction, since "no rate" is neither best nor worst, and
/// equal values are ordered by council id ascending, also in either direction.
public struct LeagueTable: Hashable, Sendable {
    public let order: LeagueOrder
    public let rows: [LeagueRow]

    public init(_ figures: [CouncilFigures], order: LeagueOrder) {
        self.order = order
        let key = order.key
        let descending = order.direction == .descending
        self.rows = figures
            .map { (value: key.value(of: $0), row: LeagueRow(figures: $0)) }
            .sorted { a, b in
                switch (a.value, b.value) {
                case let (x?, y?) where x != y: descending ? x > y : x < y
                case (_?, nil): true
                case (nil, _?): false
                default: a.row.councilID < b.row.councilID
                }
            }
            .map(\.row)
    }
}
