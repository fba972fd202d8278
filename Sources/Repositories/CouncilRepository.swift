import Domain
import SQLCore

/// The councils the Ombudsman reports on, identified by slug (`knowsley`) or GSS code (`E08000011`).
public struct CouncilRepository: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    // MARK: Reads

    /// The council whose id is `idOrCode`, or whose GSS code is `idOrCode` in any letter case; an
    /// id wins over a GSS code (new ids may not look like one, but a database may hold an old one).
    public func council(_ idOrCode: String) throws -> Council? {
        try database.read { try Self.fetch(idOrCode, in: $0) }
    }

    /// Councils matching `filter`, in id order.
    public func list(_ filter: CouncilFilter = CouncilFilter(), page: PageRequest) throws -> Page<Council> {
        var conditions = Conditions()
        if let type = filter.type { conditions.add("type = ?", type.rawValue) }
        if let region = filter.region { conditions.add("region = ?", region) }
        if let query = filter.query, !query.isEmpty {
            let dialect = SQLDialect(database.engine)
            conditions.add(
                "(\(dialect.contains(ignoringCase: "name")) OR \(dialect.contains(ignoringCase: "short_name")))", query,
                query)
        }
        if let after = page.after { conditions.add("id > ?", try after.singleValue()) }
        let sql = "SELECT \(Self.columns) FROM councils \(conditions.sql) ORDER BY id LIMIT ?"
        let rows = try database.read { connection in
            try connection.mapRows(sql, conditions.arguments(appending: page.limit + 1), Self.decode)
        }
        return Page.trimming(rows, to: page.limit) { PageKey.single($0.id) }
    }

    /// Every council of `type` (all councils when nil), in id order: the comparison group.
    public func all(type: CouncilType? = nil) throws -> [Council] {
        try database.read { connection in
            if let type {
                return try connection.mapRows(
                    "SELECT \(Self.columns) FROM councils WHERE type = ? ORDER BY id", [type.rawValue], Self.decode)
            }
            return try connection.mapRows("SELECT \(Self.columns) FROM councils ORDER BY id", .none, Self.decode)
        }
    }

    // MARK: Writes

    /// Creates or updates the council with this GSS code. The GSS code is the official identity;
    /// the slug may change, and the council's records follow it (foreign keys cascade on update).
    @discardableResult
    public func upsert(_ council: Council) throws -> UpsertOutcome {
        try database.write { try Self.upsert(council, index: nil, in: $0) }
    }

    /// Upserts all of `councils` in one transaction; none is stored if one fails.
    public func upsert(_ councils: [Council]) throws -> [UpsertOutcome] {
        try database.write { connection in
            try councils.enumerated().map { try Self.upsert($1, index: $0, in: connection) }
        }
    }

    /// Upserts a register's councils and then their populations in ONE transaction, so an import
    /// is all or nothing. Batch indexes in errors count councils first, then populations.
    public func upsert(councils: [Council], populations: [Population]) throws -> (
        councils: [UpsertOutcome], populations: [UpsertOutcome]
    ) {
        try database.write { connection in
            let councilOutcomes = try councils.enumerated().map { try Self.upsert($1, index: $0, in: connection) }
            let populationOutcomes = try populations.enumerated().map {
                try PopulationRepository.upsert($1, index: councils.count + $0, in: connection)
            }
            return (councilOutcomes, populationOutcomes)
        }
    }

    // MARK: Statements

    static let columns = "id, name, short_name, gss_code, type, region, is_demo"

    static func fetch(_ idOrCode: String, in connection: some SQLExecutor) throws -> Council? {
        try connection.first(
            """
            SELECT \(columns) FROM councils WHERE id = ?1 OR gss_code = upper(?1)
            ORDER BY id = ?1 DESC LIMIT 1
            """, [idOrCode], decode)
    }

    /// The tables whose rows name a council and keep it from being deleted, named as the API's
    /// kinds of record are. Populations are not among them: they go with their council.
    static let dependentTables = ["complaints", "reports", "service_improvements", "annual_letters"]

    /// How many records of each kind name the council, kinds with none left out.
    static func records(of councilID: String, in connection: some SQLExecutor) throws -> [(kind: String, count: Int)] {
        try dependentTables.compactMap { table in
            let count = try connection.scalar("SELECT count(*) FROM \(table) WHERE council_id = ?", [councilID])
            guard let count = count.int64Value, count > 0 else { return nil }
            return (table, Int(count))
        }
    }

    /// Removes the council and its populations; the caller has checked that nothing else names it.
    static func delete(_ councilID: String, in connection: some SQLExecutor) throws -> Bool {
        try connection.run("DELETE FROM populations WHERE council_id = ?", [councilID])
        return try connection.run("DELETE FROM councils WHERE id = ?", [councilID]) > 0
    }

    static func decode(_ row: any ColumnReading) throws -> Council {
        Council(
            id: try row.string(at: 0),
            name: try row.string(at: 1),
            shortName: try row.string(at: 2),
            gssCode: try row.string(at: 3),
            type: try row.value(CouncilType.self, at: 4),
            region: try row.optionalString(at: 5),
            isDemo: try row.bool(at: 6)
        )
    }

    /// Throws `unknownCouncil` unless a council has this id. Writes check first (rather than rely
    /// on the foreign key alone) so the error names the council even inside a large batch.
    static func requireExists(_ id: String, in connection: some SQLExecutor) throws {
        guard try connection.first("SELECT 1 FROM councils WHERE id = ?", [id], { _ in true }) != nil else {
            throw RepositoryError.unknownCouncil(id)
        }
    }

    static func upsert(_ council: Council, index: Int?, in connection: some SQLExecutor) throws -> UpsertOutcome {
        var council = council
        council.gssCode = council.gssCode.uppercased()
        return try RepositoryError.tagging(index: index, councilID: nil) {
            let existing = try connection.first(
                "SELECT \(columns) FROM councils WHERE gss_code = ?", [council.gssCode], decode)
            if existing == council { return .unchanged }
            if existing?.id != council.id,
                let holder = try connection.first(
                    "SELECT gss_code FROM councils WHERE id = ?", [council.id], { try $0.string(at: 0) })
            {
                throw RepositoryError.councilIDTaken(id: council.id, heldBy: holder)
            }
            let values: StatementArguments = [
                council.id, council.name, council.shortName, council.type.rawValue, council.region, council.isDemo,
                council.gssCode,
            ]
            if existing == nil {
                try connection.run(
                    "INSERT INTO councils (id, name, short_name, type, region, is_demo, gss_code) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    values)
                return .created
            }
            try connection.run(
                "UPDATE councils SET id = ?, name = ?, short_name = ?, type = ?, region = ?, is_demo = ? WHERE gss_code = ?",
                values)
            return .updated
        }
    }
}
