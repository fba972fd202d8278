import Domain
import SQLCore

/// Many decisions written at once, for bulk uploads: one look-up and one statement per batch
/// where the engine gains by it (PostgreSQL, where every statement is a round trip), with the
/// same outcomes, and the same per-record failures, as upserting them one by one.
extension ComplaintRepository {
    /// Upserts `complaints` (distinct references) and returns each one's outcome or refusal, in
    /// order. A record the schema refuses fails alone; the others are written.
    static func upsertEach(_ complaints: [Complaint], in connection: some SQLExecutor) throws
        -> [Result<UpsertOutcome, RepositoryError>]
    {
        let dialect = SQLDialect(connection.engine)
        let statement = dialect.upsertMany(into: "complaints", columns: writeColumns, key: "reference")
        if complaints.count > 1, let statement {
            do {
                return try connection.savepoint { connection in
                    try upsertMany(complaints, statement: statement, in: connection).map { .success($0) }
                }
            } catch let error where RepositoryError.translating(error) is RepositoryError {
                // One record the schema refuses fails the whole statement: find it (and write
                // the rest) record by record.
            }
        }
        return try complaints.map { complaint in
            do {
                if dialect.failedStatementAbortsTransaction {
                    return .success(try connection.savepoint { try upsert(complaint, index: nil, in: $0) })
                }
                return .success(try upsert(complaint, index: nil, in: connection))
            } catch let error as RepositoryError {
                return .failure(error)
            }
        }
    }

    /// The columns a write sets, in the order `rowJSON` writes them.
    static let writeColumns = [
        "reference", "council_id", "received", "decided", "category", "subcategory", "outcome", "not_for_us_reason",
        "remedy_before_ombudsman", "compliance", "is_demo",
    ]

    private static func upsertMany(_ complaints: [Complaint], statement: String, in connection: some SQLExecutor)
        throws -> [UpsertOutcome]
    {
        let dialect = SQLDialect(connection.engine)
        var existing: [String: Complaint] = [:]
        try connection.forEachRow(
            "SELECT \(columns) FROM complaints WHERE reference IN (\(dialect.jsonTextArrayElements))",
            [jsonArray(complaints.map(\.reference.normalized))]
        ) { row in
            let complaint = try decode(row)
            existing[complaint.reference.normalized] = complaint
        }
        var outcomes: [UpsertOutcome] = []
        outcomes.reserveCapacity(complaints.count)
        var rows = "["
        var changed = 0
        for complaint in complaints {
            let before = existing[complaint.reference.normalized]
            if before == complaint {
                outcomes.append(.unchanged)
                continue
            }
            outcomes.append(before == nil ? .created : .updated)
            // A count of its own: `String.count` walks the whole string, once per row.
            if changed > 0 { rows += "," }
            changed += 1
            appendRowJSON(complaint, to: &rows)
        }
        rows += "]"
        if changed > 0 {
            _ = try RepositoryError.tagging(index: nil, councilID: nil) { try connection.run(statement, [rows]) }
        }
        return outcomes
    }

    /// The complaint as a JSON object with one member per column, as the table stores it.
    private static func appendRowJSON(_ complaint: Complaint, to json: inout String) {
        func text(_ name: String, _ value: String?) {
            json += "\"\(name)\":"
            if let value { appendJSONString(value, to: &json) } else { json += "null" }
            json += ","
        }
        json += "{"
        text("reference", complaint.reference.normalized)
        text("council_id", complaint.councilID)
        text("received", complaint.received?.iso)
        text("decided", complaint.decided.iso)
        text("category", complaint.category)
        text("subcategory", complaint.subcategory)
        text("outcome", complaint.outcome.rawValue)
        text("not_for_us_reason", complaint.notForUsReason?.rawValue)
        text("compliance", complaint.compliance?.rawValue)
        json += "\"remedy_before_ombudsman\":" + (complaint.remedyBeforeOmbudsman.map { $0 ? "1" : "0" } ?? "null")
        json += ",\"is_demo\":" + (complaint.isDemo ? "1" : "0") + "}"
    }
}
