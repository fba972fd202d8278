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
        self.rows =
            figures
            .map {
                (
                    position: LeaguePosition(value: key.value(of: $0), councilID: $0.councilID),
                    row: LeagueRow(figures: $0)
                )
            }
            .sorted { order.precedes($0.position, $1.position) }
            .map(\.row)
    }
}

extension LeagueTable {
    /// Where a row stands in the order: its sort value and its id (the tie-break).
    public func position(of row: LeagueRow) -> LeaguePosition {
        LeaguePosition(value: order.key.value(of: row.figures), councilID: row.councilID)
    }

    /// The rows that come strictly after `position` in this order, whether or not a row still
    /// stands there: keyset pagination over a table computed per request, so a page boundary holds
    /// while figures change between requests.
    public func rows(after position: LeaguePosition) -> ArraySlice<LeagueRow> {
        let start = rows.firstIndex { order.precedes(position, self.position(of: $0)) } ?? rows.endIndex
        return rows[start...]
    }
}

/// A place in a league table: a sort value (nil sorts last) and the council id that breaks ties.
public struct LeaguePosition: Hashable, Sendable {
    public let value: Double?
    public let councilID: String

    public init(value: Double?, councilID: String) {
        self.value = value
        self.councilID = councilID
    }
}
