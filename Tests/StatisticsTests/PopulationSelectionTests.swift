import Domain
import Statistics
import Testing

@Suite struct PopulationSelectionTests {
    let populations = [
        population("knowsley", 2026, 160_000),
        population("knowsley", 2011, 145_900),
        population("knowsley", 2020, 152_452),
    ]

    @Test func takesTheLatestNotAfterTheStartYear() throws {
        let chosen = PopulationSelection.latest(populations, for: try financialYear(2024))
        #expect(chosen?.year == 2020)
        #expect(chosen?.population == 152_452)
    }

    @Test func aFigureForTheStartYearItselfIsUsed() throws {
        #expect(PopulationSelection.latest(populations, for: try financialYear(2020))?.year == 2020)
        #expect(PopulationSelection.latest(populations, for: try financialYear(2026))?.year == 2026)
    }

    @Test func anEarlierYearFallsBackToAnOlderFigure() throws {
        #expect(PopulationSelection.latest(populations, for: try financialYear(2019))?.year == 2011)
    }

    @Test func nothingOnRecordBeforeTheYearGivesNil() throws {
        #expect(PopulationSelection.latest(populations, for: try financialYear(2010)) == nil)
        #expect(PopulationSelection.latest([], for: try financialYear(2024)) == nil)
    }
}
