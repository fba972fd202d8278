import CSQLitePeer
import Foundation

/// The SQL of council-api's `GET /v1/councils/{council}/statistics` (Sources/Repositories:
/// CouncilRepository's look-up, StatisticsRepository.tally and .tallies), run on every request.
/// council-api keeps these figures per store revision; the peer has no such cache, so its
/// statistics figures are those of the queries themselves.
struct CouncilStatistics {
    /// A copy of `StatisticsRepository.countColumns`, kept in step by hand: the peer must not depend
    /// on the product's modules (it would measure them, not Hummingbird).
    static let countColumns = """
        count(*) FILTER (WHERE outcome = 'not_for_us'), \
        count(*) FILTER (WHERE outcome = 'assessed_and_closed'), \
        count(*) FILTER (WHERE outcome = 'upheld'), \
        count(*) FILTER (WHERE outcome = 'not_upheld'), \
        count(*) FILTER (WHERE outcome = 'upheld' AND remedy_before_ombudsman = 1), \
        count(*) FILTER (WHERE outcome = 'upheld' AND compliance = 'complied'), \
        count(*) FILTER (WHERE outcome = 'upheld' AND compliance = 'not_complied')
        """

    struct Tally {
        var counts = [Int](repeating: 0, count: 7)
        var decided: Int { counts[0] + counts[1] + counts[2] + counts[3] }
        var investigated: Int { counts[2] + counts[3] }
        var upheldRate: Double? { investigated == 0 ? nil : Double(counts[2]) / Double(investigated) }
    }

    /// `2024-25` → ("2024-04-01", "2025-03-31"), or nil when it is not such a year.
    static func bounds(of year: String) -> (start: String, end: String)? {
        let parts = year.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let first = Int(parts[0]),
            let second = Int(parts[1]), (first + 1) % 100 == second
        else { return nil }
        return ("\(first)-04-01", "\(first + 1)-03-31")
    }

    static func tally(_ statement: OpaquePointer, from first: Int32) -> Tally {
        var tally = Tally()
        for column in 0..<7 { tally.counts[column] = Int(sqlite3_column_int64(statement, first + Int32(column))) }
        return tally
    }

    /// The JSON answer, or nil when the council does not exist.
    static func answer(
        council: String, year: String, bounds: (start: String, end: String), on connection: SQLiteConnection
    )
        throws -> String?
    {
        var found: (name: String, type: String)?
        try connection.query("SELECT name, type FROM councils WHERE id = ?", [council]) { row in
            found = (String(cString: sqlite3_column_text(row, 0)), String(cString: sqlite3_column_text(row, 1)))
        }
        guard let found else { return nil }
        var own = Tally()
        try connection.query(
            "SELECT \(countColumns) FROM complaints WHERE council_id = ? AND decided BETWEEN ? AND ?",
            [council, bounds.start, bounds.end]
        ) { own = tally($0, from: 0) }
        var rates: [Double] = []
        try connection.query(
            """
            SELECT c.id, \(countColumns) FROM councils AS c
            JOIN complaints ON complaints.council_id = c.id
            WHERE c.type = ? AND complaints.decided BETWEEN ? AND ?
            GROUP BY c.id ORDER BY c.id
            """, [found.type, bounds.start, bounds.end]
        ) { row in
            if let rate = tally(row, from: 1).upheldRate { rates.append(rate) }
        }
        let average = rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count)
        func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "null" }
        // Council ids are slugs and names come from the register; escape quotes and backslashes anyway.
        func text(_ value: String) -> String {
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        return """
            {"council":{"id":\(text(council)),"name":\(text(found.name)),"type":\(text(found.type))},\
            "year":\(text(year)),"decisions":\(own.decided),"not_for_us":\(own.counts[0]),\
            "assessed_and_closed":\(own.counts[1]),"upheld":\(own.counts[2]),"not_upheld":\(own.counts[3]),\
            "remedied_before_ombudsman":\(own.counts[4]),"complied":\(own.counts[5]),\
            "not_complied":\(own.counts[6]),"upheld_rate":\(number(own.upheldRate)),\
            "comparison":{"councils":\(rates.count),"average_upheld_rate":\(number(average))}}
            """
    }
}
