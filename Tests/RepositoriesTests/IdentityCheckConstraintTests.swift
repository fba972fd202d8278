import Domain
import Foundation
import IdentityExamples
import SQLCore
import StoreTestSupport
import Testing

@testable import Repositories

/// Each identity's SQL CHECK, on both engines, held to the table of valid and invalid examples
/// that `DomainTests.IdentityRuleTests` holds the `Domain` types to: rows are written with raw SQL
/// into the real schema, so no repository or input check stands in front of the CHECK.
@Suite struct IdentityCheckConstraintTests {
    /// nil when the insert was accepted; else the name of the CHECK that refused it (or a
    /// description of any other failure, which then fails the expectation).
    private func refusal(_ store: DataStore, _ sql: String, _ arguments: StatementArguments) -> String? {
        do {
            _ = try store.database.write { try $0.run(sql, arguments) }
            return nil
        } catch {
            guard let violation = (error as? any DatabaseFailure)?.constraintViolation, violation.kind == .check else {
                return "not a CHECK violation: \(error)"
            }
            return violation.name ?? "an unnamed CHECK"
        }
    }

    private func expectCheck(
        _ engine: TestEngine, valid: [String], invalid: [String], constraint: String,
        insert: (_ store: DataStore, _ value: String, _ row: Int) -> String?
    ) throws {
        let store = try makeStoreWithCouncils(engine)
        for (row, value) in valid.enumerated() {
            #expect(insert(store, value, row) == nil, "\(engine) refused valid '\(value)' (\(constraint))")
        }
        for (row, value) in invalid.enumerated() {
            #expect(insert(store, value, valid.count + row) == constraint, "\(engine) on invalid '\(value)'")
        }
    }

    @Test(arguments: TestEngine.allCases) func councilIDCheckIsCouncilIDsRule(engine: TestEngine) throws {
        try expectCheck(
            engine, valid: IdentityExamples.validCouncilIDs, invalid: IdentityExamples.invalidCouncilIDs,
            constraint: "council_id_is_a_slug"
        ) { store, id, row in
            refusal(
                store, "INSERT INTO councils (id, name, short_name, gss_code, type) VALUES (?, 'N', 'N', ?, 'unitary')",
                [id, String(format: "E0990%04d", row)])
        }
    }

    @Test(arguments: TestEngine.allCases) func gssCodeCheckIsGSSCodesRule(engine: TestEngine) throws {
        try expectCheck(
            engine, valid: IdentityExamples.validGSSCodes, invalid: IdentityExamples.invalidGSSCodes,
            constraint: "gss_code_format"
        ) { store, code, row in
            refusal(
                store, "INSERT INTO councils (id, name, short_name, gss_code, type) VALUES (?, 'N', 'N', ?, 'unitary')",
                ["gss-row-\(row)", code])
        }
    }

    /// The reference CHECK is on three tables; each is held to the table.
    @Test(arguments: TestEngine.allCases) func caseReferenceChecksAreCaseReferencesNormalForm(engine: TestEngine) throws
    {
        let inserts = [
            "INSERT INTO complaints (reference, council_id, decided, category, outcome) VALUES (?, 'alpha', '2024-05-01', 'Housing', 'upheld')",
            "INSERT INTO service_improvements (reference, council_id, category, decided, source) VALUES (?, 'alpha', 'Housing', '2024-05-01', 'decision')",
        ]
        for sql in inserts {
            try expectCheck(
                engine, valid: IdentityExamples.validCaseReferences, invalid: IdentityExamples.invalidCaseReferences,
                constraint: "reference_is_eight_digits"
            ) { store, reference, _ in refusal(store, sql, [reference]) }
        }
        try expectCheck(
            engine, valid: IdentityExamples.validCaseReferences, invalid: IdentityExamples.invalidCaseReferences,
            constraint: "reference_is_eight_digits"
        ) { store, reference, row in
            refusal(
                store,
                "INSERT INTO reports (id, council_id, title, summary, published, reference) VALUES (?, 'alpha', 'T', 'S', '2024-05-01', ?)",
                ["report-\(row)", reference])
        }
    }

    @Test(arguments: TestEngine.allCases) func reportIDCheckIsReportIDsRule(engine: TestEngine) throws {
        try expectCheck(
            engine, valid: IdentityExamples.validReportIDs, invalid: IdentityExamples.invalidReportIDs,
            constraint: "report_id_is_a_slug"
        ) { store, id, _ in
            refusal(
                store,
                "INSERT INTO reports (id, council_id, title, summary, published) VALUES (?, 'alpha', 'T', 'S', '2024-05-01')",
                [id])
        }
    }

    /// A database written under version 2's looser CHECKs: migration 0003 cleans its council and
    /// report ids as `CouncilID.cleaned` and `ReportID.cleaned` do, and the records follow.
    @Test(arguments: TestEngine.allCases) func migration0003CleansIdsWrittenUnderTheOldChecks(engine: TestEngine) throws
    {
        let versionTwo = try migrationsUpTo(version: 2)
        defer { try? FileManager.default.removeItem(atPath: versionTwo) }
        let store = try engine.makeStore(migrationsDirectory: versionTwo)
        let rows: [(String, StatementArguments)] = [
            (
                "INSERT INTO councils (id, name, short_name, gss_code, type) VALUES (?, 'St Helens', 'St Helens', 'E08000013', 'metropolitan_borough')",
                ["st.-helens"]
            ),
            (
                "INSERT INTO councils (id, name, short_name, gss_code, type) VALUES (?, 'Knowsley', 'Knowsley', 'E08000011', 'metropolitan_borough')",
                ["knowsley"]
            ),
            (
                "INSERT INTO complaints (reference, council_id, decided, category, outcome) VALUES ('23000001', ?, '2024-05-01', 'Housing', 'upheld')",
                ["st.-helens"]
            ),
            (
                "INSERT INTO populations (council_id, year, population, source) VALUES (?, 2020, 180000, 'ons-mid-2020')",
                ["st.-helens"]
            ),
            (
                "INSERT INTO reports (id, council_id, title, summary, published) VALUES (?, 'st.-helens', 'T', 'S', '2024-05-01')",
                ["st.-helens-2024-05-01-t"]
            ),
            (
                "INSERT INTO reports (id, council_id, title, summary, published) VALUES (?, 'knowsley', 'T', 'S', '2024-05-01')",
                ["ok_1.2"]
            ),
        ]
        for (sql, arguments) in rows { _ = try store.database.write { try $0.run(sql, arguments) } }

        let applied = try store.migrate(migrationsDirectory: migrationsDirectory)
        #expect(applied == ["0003_identity_rules.sql"])
        let councils = try store.database.read { connection in
            try connection.mapRows("SELECT id FROM councils ORDER BY id", []) { try $0.string(at: 0) }
        }
        #expect(councils == ["knowsley", "st-helens"])
        #expect(try store.complaints.complaint(ref("23000001"))?.councilID == "st-helens")
        #expect(try store.reports.report(id: ReportID.cleaned("st.-helens-2024-05-01-t"))?.councilID == "st-helens")
        #expect(try store.reports.report(id: "ok_1.2") != nil)
        let population = try store.database.read {
            try $0.scalar("SELECT count(*) FROM populations WHERE council_id = 'st-helens'").int64Value
        }
        #expect(population == 1)
        // The rebuilt tables still enforce their foreign keys.
        #expect(
            refusal(
                store,
                "INSERT INTO reports (id, council_id, title, summary, published) VALUES ('orphan', 'nobody', 'T', 'S', '2024-05-01')",
                []) != nil)
    }

    /// A copy of the repository's migrations up to `version`, for both engines.
    private func migrationsUpTo(version: Int) throws -> String {
        let files = FileManager.default
        let target = files.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)").path
        for folder in ["", "/postgresql"] {
            try files.createDirectory(atPath: target + folder, withIntermediateDirectories: true)
            for name in try files.contentsOfDirectory(atPath: migrationsDirectory + folder)
            where name.hasSuffix(".sql") && (Int(name.prefix(4)) ?? Int.max) <= version {
                try files.copyItem(
                    atPath: migrationsDirectory + folder + "/" + name, toPath: target + folder + "/" + name)
            }
        }
        return target
    }
}
