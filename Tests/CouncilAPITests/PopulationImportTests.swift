import CouncilAPI
import Domain
import Foundation
import RegisterImport
import Repositories
import StoreTestSupport
import Testing

/// `council-api import populations`: an ONS-style mid-year estimates file (title lines, extra
/// columns, a bad row, codes of areas that are not councils) read, matched by GSS code, upserted
/// in one transaction, and the statistics then naming the estimate they used.
@Suite struct PopulationImportTests {
    /// Knowsley at 160,000 gives the Ombudsman's 2.5 upheld per 100,000 for its 4 upheld decisions.
    static let file = """
        Mid-2024 population estimates for local authorities in England
        Source: Office for National Statistics (hand-made test extract)

        Code,Name,Geography,All ages,0,1,2
        E92000001,ENGLAND,Country,"57,690,323",1,2,3
        E08000011,Knowsley,Metropolitan District,"160,000",1,2,3
        E08000012,Liverpool,Metropolitan District,not a number,1,2,3
        E06000064,Westmorland and Furness,Unitary Authority,226180,1,2,3
        ,Nowhere,Unitary Authority,1000,1,2,3
        E08000011,Knowsley again,Metropolitan District,1,1,2,3
        """

    @Test func readsTheONSLayoutAndReportsBadRowsByLine() throws {
        let result = try PopulationEstimates.parse(Array(Self.file.utf8))
        #expect(result.estimates.map(\.code) == ["E92000001", "E08000011", "E06000064"])
        #expect(result.estimates.map(\.population) == [57_690_323, 160_000, 226_180])
        #expect(result.estimates.map(\.line) == [5, 6, 8])
        #expect(
            result.rejected.map(\.description) == [
                "line 7: All ages 'not a number' is not a positive whole number",
                "line 9: Code is empty",
                "line 10: code E08000011 is already used on line 6",
            ])
    }

    @Test func aFileWithoutTheHeaderIsRefusedWhole() {
        #expect(throws: CSVErrorForTests.self) {
            do {
                _ = try PopulationEstimates.parse(Array("Title\nCode,Name,Population\nE1,x,3\n".utf8))
            } catch {
                throw CSVErrorForTests(description: "\(error)")
            }
        }
    }

    @Test(arguments: TestEngine.allCases) func importsPerCouncilAndYearAndTwiceChangesNothing(engine: TestEngine) throws
    {
        let api = try LiveAPI(engine: engine)
        let estimates = try PopulationEstimates.parse(Array(Self.file.utf8)).estimates
        let matched = PopulationEstimates.match(
            estimates, to: try api.store.councils.all(), year: 2024,
            source: PopulationEstimates.defaultSource(year: 2024))
        #expect(matched.populations.map(\.councilID) == ["knowsley"])
        #expect(matched.unknown.map(\.code) == ["E92000001", "E06000064"])

        let first = UpsertSummary(try api.store.populations.upsert(matched.populations))
        #expect(first == UpsertSummary(created: 1))
        let second = UpsertSummary(try api.store.populations.upsert(matched.populations))
        #expect(second == UpsertSummary(unchanged: 1))

        let figures = try api.object(try api.get("/v1/councils/knowsley/statistics?year=2024-25"))
        #expect(figures[path: "upheld.population_year"] as? Int == 2024)
        #expect(figures[path: "upheld.population_source"] as? String == "ons-mid-2024")
        let per100k = try #require(figures[path: "upheld.per_100k"] as? Double)
        #expect(abs(per100k - 2.5) < 1e-9)
    }

    /// The real command, twice, on a SQLite file holding the register's councils.
    @Test func theCommandReportsUnknownCodesAndBadRowsAndIsIdempotent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("populations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("mye.csv").path
        try Self.file.write(toFile: csv, atomically: true, encoding: .utf8)
        let database = folder.appendingPathComponent("db.sqlite").path
        let migrations = try DataStore.locateMigrations(explicit: nil)
        let common = ["--database", database, "--migrations", migrations]
        let register = try RepositoryFiles.registerPath()
        #expect(try Self.run(["import", "councils", register] + common).status == 0)

        let first = try Self.run(["import", "populations", csv, "--year", "2024"] + common)
        #expect(first.status == 0)
        #expect(
            first.errors.contains(
                "populations 2024: 2 imported (2 created, 0 updated, 0 unchanged), 1 unknown codes, 3 rows skipped"))
        #expect(first.errors.contains("line 5: no council has code E92000001 (ENGLAND)"))
        #expect(first.errors.contains("skipped line 7: All ages 'not a number' is not a positive whole number"))

        let second = try Self.run(
            ["import", "populations", csv, "--year", "2024", "--source", "ons-mye-2024"] + common)
        #expect(second.errors.contains("(0 created, 2 updated, 0 unchanged)"))
        let third = try Self.run(["import", "populations", csv, "--year", "2024", "--source", "ons-mye-2024"] + common)
        #expect(third.errors.contains("(0 created, 0 updated, 2 unchanged)"))

        let store = try DataStore.open(try StoreLocation(database))
        let knowsley = try store.populations.populations(council: "knowsley")
        #expect(knowsley.map(\.year) == [2020, 2024])
        #expect(
            knowsley.last == Population(councilID: "knowsley", year: 2024, population: 160_000, source: "ons-mye-2024"))

        let bad = try Self.run(["import", "populations", csv, "--year", "24"] + common)
        #expect(bad.status != 0)
    }

    struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try HealthcheckCommandTests.binary())
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            errors: String(decoding: err, as: UTF8.self))
    }
}

private struct CSVErrorForTests: Error, CustomStringConvertible {
    let description: String
}
