import Domain
import SQLCore
import SQLiteStore
import StoreTestSupport
import Testing

@testable import Repositories

/// The schema refuses what the domain calls impossible, whoever writes: through a repository
/// (typed error naming the constraint) or with raw SQL.
@Suite struct SchemaConstraintTests {
    private func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let RepositoryError.constraintViolated(constraint, _) {
            return constraint
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test(arguments: TestEngine.allCases) func refusesImpossibleComplaintsThroughTheRepository(engine: TestEngine)
        throws
    {
        let store = try makeStoreWithCouncils(engine)
        let cases: [(Complaint, String)] = [
            (
                try complaint("24000001", decided: "2024-05-01", outcome: .notUpheld, remedy: true),
                "remedy_only_when_upheld"
            ),
            (
                try complaint("24000002", decided: "2024-05-01", outcome: .notForUs, remedy: false),
                "remedy_only_when_upheld"
            ),
            (
                try complaint("24000003", decided: "2024-05-01", outcome: .upheld, reason: .premature),
                "reason_only_when_not_for_us"
            ),
            (
                try complaint("24000004", decided: "2024-05-01", outcome: .assessedAndClosed, compliance: .complied),
                "compliance_only_when_upheld"
            ),
            (try complaint("24000005", decided: "2024-05-01", received: "2024-05-02"), "decided_not_before_received"),
            (try complaint("24000006", decided: "2024-05-01", category: "  "), "category_not_blank"),
            (try complaint("24000007", decided: "2024-05-01", subcategory: ""), "subcategory_not_blank"),
        ]
        for (record, constraint) in cases {
            #expect(refusal { try store.complaints.upsert(record) } == constraint, "\(record.reference)")
            #expect(try store.complaints.complaint(record.reference) == nil)
        }
        // The same outcome with the allowed fields is accepted.
        #expect(
            try store.complaints.upsert(
                complaint(
                    "24000008", decided: "2024-05-01", received: "2024-05-01", outcome: .upheld, remedy: true,
                    compliance: .notComplied)) == .created)
    }

    @Test func refusesImpossibleDatesAndCodesWrittenWithRawSQL() throws {
        let store = try makeStoreWithCouncils(.sqlite)
        let insert = """
            INSERT INTO complaints (reference, council_id, received, decided, category, outcome)
            VALUES (?, 'alpha', ?, ?, 'Housing', ?)
            """
        let cases: [(StatementArguments, String)] = [
            (["24000001", nil, "2024-02-30", "upheld"], "decided_is_a_date"),
            (["24000002", nil, "2023-02-29", "upheld"], "decided_is_a_date"),
            (["24000003", nil, "2024-13-01", "upheld"], "decided_is_a_date"),
            (["24000004", nil, "2024-5-01", "upheld"], "decided_is_a_date"),
            (["24000005", nil, "01/05/2024", "upheld"], "decided_is_a_date"),
            (["24000006", "2024-04-31", "2024-05-01", "upheld"], "received_is_a_date"),
            (["2400007", nil, "2024-05-01", "upheld"], "reference_is_eight_digits"),
            (["24 000 08", nil, "2024-05-01", "upheld"], "reference_is_eight_digits"),
            (["24000009", nil, "2024-05-01", "dismissed"], "outcome_known"),
        ]
        for (arguments, constraint) in cases {
            let error = #expect(throws: SQLiteError.self) { try store.database.write { try $0.run(insert, arguments) } }
            #expect(error?.isCheckViolation == true)
            #expect(error?.message.hasSuffix(constraint) == true, "\(error?.message ?? "")")
        }
        // A leap day in a leap year is a date.
        _ = try store.database.write { try $0.run(insert, ["24000010", nil, "2024-02-29", "upheld"]) }
    }

    @Test(arguments: TestEngine.allCases) func refusesImpossibleValuesOfOtherRecords(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        #expect(
            refusal {
                try store.populations.upsert(
                    Population(councilID: "alpha", year: 2020, population: 0, source: "ons-mid-2020"))
            } == "population_positive")
        #expect(
            refusal {
                try store.populations.upsert(Population(councilID: "alpha", year: 2020, population: 5, source: " "))
            } == "population_source_not_blank")
        let year = try fy("2024-25")
        #expect(
            refusal {
                try store.publishedAverages.upsert(
                    PublishedAverage(year: year, councilType: .unitary, metric: .upheldRate, value: 1.5))
            } == "value_in_range")
        #expect(
            refusal {
                try store.publishedAverages.upsert(
                    PublishedAverage(year: year, councilType: .unitary, metric: .remedyRate, value: -0.1))
            } == "value_in_range")
        // A per-100k figure is a count, not a fraction.
        #expect(
            try store.publishedAverages.upsert(
                PublishedAverage(year: year, councilType: .unitary, metric: .upheldPer100k, value: 4.7)) == .created)
        #expect(refusal { try store.councils.upsert(council("Bad Slug", gss: "E06000999")) } == "council_id_is_a_slug")
        #expect(refusal { try store.councils.upsert(council("gamma", gss: "E0600099")) } == "gss_code_format")
        #expect(
            refusal {
                try store.councils.upsert(
                    Council(
                        id: "gamma", name: "", shortName: "Gamma", gssCode: "E06000999", type: .unitary, region: nil))
            } == "name_not_blank")
    }

    @Test(arguments: TestEngine.allCases) func deletingAnImprovementDeletesItsActions(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        let improvement = ServiceImprovement(
            reference: try ref("23000001"), councilID: "alpha", category: "Housing", subcategory: nil,
            decided: try date("2024-01-10"), source: .decision, actions: ["One", "Two"])
        try store.serviceImprovements.upsert(improvement)
        #expect(try store.serviceImprovements.delete(improvement.reference))
        let orphans = try store.database.read {
            try $0.scalar("SELECT count(*) FROM service_improvement_actions").int64Value
        }
        #expect(orphans == 0)
    }

    @Test func theTallyQueryReadsOnlyTheCoveringIndex() throws {
        let store = try makeStoreWithCouncils(.sqlite)
        let pool = try #require(store.database as? DatabasePool)
        let plan = try pool.read { (connection: Connection) in
            try connection.query(
                """
                EXPLAIN QUERY PLAN SELECT count(*) FILTER (WHERE outcome = 'upheld' AND compliance = 'complied')
                FROM complaints WHERE council_id = ? AND decided BETWEEN ? AND ?
                """, ["alpha", "2024-04-01", "2025-03-31"]
            ).compactMap { $0["detail"]?.stringValue }
        }
        #expect(plan.contains { $0.contains("USING COVERING INDEX complaints_statistics") }, "\(plan)")
    }

    /// PostgreSQL's `date` columns refuse impossible days themselves (SQLSTATE class 22, before
    /// any CHECK runs); the named CHECKs refuse the rest with the same names as on SQLite.
    @Test func postgresRefusesImpossibleDatesAndCodesWrittenWithRawSQL() throws {
        let store = try makeStoreWithCouncils(.postgresql)
        let insert = """
            INSERT INTO complaints (reference, council_id, received, decided, category, outcome)
            VALUES (?, 'alpha', ?, ?, 'Housing', ?)
            """
        for (arguments, constraint) in [
            (["2400007", nil, "2024-05-01", "upheld"] as StatementArguments, "reference_is_eight_digits"),
            (["24 000 08", nil, "2024-05-01", "upheld"], "reference_is_eight_digits"),
            (["24000009", nil, "2024-05-01", "dismissed"], "outcome_known"),
            (["24000011", "2024-06-01", "2024-05-01", "upheld"], "decided_not_before_received"),
        ] {
            let error = #expect(throws: (any Error).self) { try store.database.write { try $0.run(insert, arguments) } }
            let violation = (error as? any DatabaseFailure)?.constraintViolation
            #expect(violation?.kind == .check)
            #expect(violation?.name == constraint, "\(String(describing: error))")
        }
        for day in ["2024-02-30", "2023-02-29", "2024-13-01"] {
            let error = #expect(throws: (any Error).self) {
                try store.database.write { try $0.run(insert, ["24000012", nil, day, "upheld"]) }
            }
            #expect((error as? any DatabaseFailure)?.isUnavailable == false, "\(String(describing: error))")
        }
        _ = try store.database.write { try $0.run(insert, ["24000010", nil, "2024-02-29", "upheld"]) }
    }
}
