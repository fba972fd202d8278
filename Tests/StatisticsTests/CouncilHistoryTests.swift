import Domain
import Statistics
import Testing

@Suite struct CouncilHistoryTests {
    @Test func oldestFirstEachWithItsOwnPopulation() throws {
        let tallies = [
            DecisionTally(councilID: "knowsley", year: try financialYear(2024), upheld: 4),
            DecisionTally(councilID: "knowsley", year: try financialYear(2019), upheld: 2, notUpheld: 2),
            DecisionTally(councilID: "knowsley", year: try financialYear(2021), upheld: 1),
            DecisionTally(councilID: "knowsley", year: try financialYear(2009), notForUs: 1),
        ]
        let populations = [
            population("knowsley", 2020, 152_452),
            population("knowsley", 2011, 145_900),
            population("sefton", 2019, 275_000),
        ]
        let history = CouncilHistory.figures(tallies: tallies, populations: populations)

        #expect(history.map(\.year.startYear) == [2009, 2019, 2021, 2024])
        #expect(history.map(\.population?.year) == [nil, 2011, 2020, 2020])
        #expect(history.map(\.upheld) == [0, 2, 1, 4])
        #expect(history[1].upheldRate == 0.5)
        #expect(isClose(history[1].upheldPer100k, 2.0 / 145_900.0 * 100_000.0))
        #expect(history[0].upheldPer100k == nil)
    }

    @Test func noTalliesNoHistory() {
        #expect(CouncilHistory.figures(tallies: [], populations: [population("a", 2020, 1)]).isEmpty)
    }

    @Test func batchFiguresPairEachCouncilWithItsOwnPopulation() throws {
        let year = try financialYear(2024)
        let tallies = [
            DecisionTally(councilID: "b", year: year, upheld: 1),
            DecisionTally(councilID: "a", year: year, upheld: 1),
            DecisionTally(councilID: "c", year: year, upheld: 1),
        ]
        let populations = [
            population("a", 2020, 100_000), population("b", 2025, 50_000), population("b", 2018, 40_000),
        ]
        let figures = CouncilFigures.figures(for: tallies, populations: populations)

        #expect(figures.map(\.councilID) == ["b", "a", "c"])
        #expect(figures.map(\.population?.population) == [40_000, 100_000, nil])
    }
}
