import Domain
import Repositories
import StoreTestSupport
import Testing

@Suite struct StatisticsRepositoryTests {
    /// Decisions whose tallies are easy to count by hand.
    private let records: [Complaint]

    init() throws {
        records = [
            try complaint("23000001", decided: "2023-04-01", outcome: .upheld, remedy: true, compliance: .complied),
            try complaint("24000002", decided: "2024-03-31", outcome: .notForUs, reason: .premature),
            try complaint("24000003", decided: "2024-04-01", outcome: .notForUs),
            try complaint("24000004", decided: "2024-06-01", outcome: .assessedAndClosed),
            try complaint("24000005", decided: "2024-07-01", outcome: .upheld, remedy: false, compliance: .complied),
            try complaint("24000006", decided: "2024-08-01", outcome: .upheld, remedy: true, compliance: .notComplied),
            try complaint("24000007", decided: "2024-09-01", outcome: .upheld),
            try complaint("24000008", decided: "2025-03-31", outcome: .notUpheld),
            try complaint("24000009", council: "beta", decided: "2024-10-01", outcome: .upheld, compliance: .complied),
            try complaint("22000010", council: "beta", decided: "2022-05-01", outcome: .assessedAndClosed),
        ]
    }

    private func seeded(_ engine: TestEngine) throws -> DataStore {
        let store = try makeStoreWithCouncils(engine)
        _ = try store.councils.upsert(council("gamma", gss: "E08000903"))
        _ = try store.complaints.upsert(records)
        return store
    }

    /// The same tally counted in memory, one decision at a time.
    private func expected(_ councilID: String, _ year: FinancialYear) -> DecisionTally {
        var tally = DecisionTally(councilID: councilID, year: year)
        for record in records where record.councilID == councilID && record.year == year {
            tally.count(record)
        }
        return tally
    }

    @Test(arguments: TestEngine.allCases) func talliesOneCouncilYear(engine: TestEngine) throws {
        let store = try seeded(engine)
        let year = try fy("2024-25")
        let tally = try store.statistics.tally(council: "alpha", year: year)
        #expect(
            tally
                == DecisionTally(
                    councilID: "alpha", year: year, notForUs: 1, assessedAndClosed: 1, upheld: 3, notUpheld: 1,
                    remediedBeforeOmbudsman: 1, complied: 1, notComplied: 1))
        #expect(tally == expected("alpha", year))
        #expect(try store.statistics.tally(council: "alpha", year: fy("2023-24")) == expected("alpha", fy("2023-24")))
        #expect(
            try store.statistics.tally(council: "gamma", year: year) == DecisionTally(councilID: "gamma", year: year))
    }

    @Test(arguments: TestEngine.allCases) func talliesTheCouncilsOfATypeThatHadDecisions(engine: TestEngine) throws {
        let store = try seeded(engine)
        let year = try fy("2024-25")
        // gamma is a metropolitan borough with no decisions: not part of the group's tallies.
        #expect(try store.statistics.tallies(type: .metropolitanBorough, year: year) == [expected("alpha", year)])
        #expect(try store.statistics.tallies(type: .district, year: year) == [expected("beta", year)])
        #expect(try store.statistics.tallies(type: .county, year: year).isEmpty)
        #expect(
            try store.statistics.tallies(type: nil, year: year) == [expected("alpha", year), expected("beta", year)])
    }

    @Test(arguments: TestEngine.allCases) func historyHasEveryYearOnRecord(engine: TestEngine) throws {
        let store = try seeded(engine)
        let history = try store.statistics.history(council: "alpha")
        #expect(history.map(\.year.description) == ["2023-24", "2024-25"])
        #expect(history == [expected("alpha", try fy("2023-24")), expected("alpha", try fy("2024-25"))])
        #expect(try store.statistics.history(council: "gamma").isEmpty)
    }

    @Test(arguments: TestEngine.allCases) func findsLatestYearAndAllYears(engine: TestEngine) throws {
        let store = try seeded(engine)
        #expect(try store.statistics.latestYear(council: "alpha") == fy("2024-25"))
        #expect(try store.statistics.latestYear(council: "beta") == fy("2024-25"))
        #expect(try store.statistics.latestYear(council: "gamma") == nil)
        #expect(try store.statistics.years().map(\.description) == ["2022-23", "2023-24", "2024-25"])
        #expect(try makeStore(engine).statistics.years().isEmpty)
    }
}
