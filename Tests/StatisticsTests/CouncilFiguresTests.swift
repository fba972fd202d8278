import Domain
import Statistics
import Testing

@Suite struct CouncilFiguresTests {
    /// Knowsley 2024-25 as published: 35 dealt with, 12 not for us, 19 assessed and closed,
    /// 4 investigated and 4 upheld, none remedied before, compliance recorded in 4 and all complied.
    @Test func reproducesKnowsley2024To25() throws {
        let year = try financialYear(2024)
        let tally = DecisionTally(
            councilID: "knowsley", year: year, notForUs: 12, assessedAndClosed: 19, upheld: 4, notUpheld: 0,
            remediedBeforeOmbudsman: 0, complied: 4, notComplied: 0)
        let figures = CouncilFigures(tally: tally, population: population("knowsley", 2020, 152_452))

        #expect(figures.dealtWith == 35)
        #expect(figures.notForUs == 12)
        #expect(figures.assessedAndClosed == 19)
        #expect(figures.investigated == 4)
        #expect(figures.upheld == 4)
        #expect(figures.notUpheld == 0)
        #expect(figures.upheldRate == 1.0)
        // 4 / 152,452 × 100,000 = 2.62377...; the page rounds its own figure to 2.5.
        let per100k = try #require(figures.upheldPer100k)
        #expect(abs(per100k - 4.0 / 152_452.0 * 100_000.0) <= 4 * per100k.ulp)
        #expect(per100k > 2.6237 && per100k < 2.6238)
        #expect(figures.population?.year == 2020)
        #expect(figures.population?.population == 152_452)
        #expect(figures.remedyCount == 0)
        #expect(figures.remedyRate == 0.0)
        #expect(figures.complied == 4)
        #expect(figures.complianceRecorded == 4)
        #expect(figures.complianceRate == 1.0)
        #expect(figures[.upheldRate] == 1.0)
        #expect(figures[.complianceRate] == 1.0)
    }

    @Test func zeroDenominatorsGiveNoRateRatherThanZero() throws {
        let tally = DecisionTally(councilID: "quiet", year: try financialYear(2024), notForUs: 3, assessedAndClosed: 2)
        let figures = CouncilFigures(tally: tally, population: population("quiet", 2020, 0))

        #expect(figures.dealtWith == 5)
        #expect(figures.investigated == 0)
        #expect(figures.upheldRate == nil)
        #expect(figures.upheldPer100k == nil)
        #expect(figures.remedyRate == nil)
        #expect(figures.complianceRate == nil)
        for metric in AverageMetric.allCases {
            #expect(figures[metric] == nil)
        }
    }

    @Test func noPopulationLeavesOnlyPer100kEmpty() throws {
        let tally = DecisionTally(
            councilID: "a", year: try financialYear(2024), upheld: 2, notUpheld: 2, remediedBeforeOmbudsman: 1,
            complied: 1, notComplied: 1)
        let figures = CouncilFigures(tally: tally, population: nil)

        #expect(figures.upheldPer100k == nil)
        #expect(figures.population == nil)
        #expect(figures.upheldRate == 0.5)
        #expect(figures.remedyRate == 0.5)
        #expect(figures.complianceRate == 0.5)
    }

    @Test func upheldWithoutRecordedComplianceHasNoComplianceRate() throws {
        let tally = DecisionTally(councilID: "a", year: try financialYear(2024), upheld: 3)
        let figures = CouncilFigures(tally: tally, population: nil)

        #expect(figures.remedyRate == 0.0)
        #expect(figures.complianceRecorded == 0)
        #expect(figures.complianceRate == nil)
    }

    @Test func choosesItsOwnCouncilsPopulation() throws {
        let tally = DecisionTally(councilID: "knowsley", year: try financialYear(2024), upheld: 4)
        let populations = [
            population("sefton", 2023, 280_000),
            population("knowsley", 2020, 152_452),
            population("knowsley", 2026, 160_000),
        ]
        let figures = CouncilFigures(tally: tally, populations: populations)

        #expect(figures.population == population("knowsley", 2020, 152_452))
    }

    @Test func absurdCountsSaturateInsteadOfTrapping() throws {
        let tally = DecisionTally(
            councilID: "broken", year: try financialYear(2024), notForUs: .max, upheld: .max, notUpheld: 1)
        let figures = CouncilFigures(tally: tally, population: nil)

        #expect(figures.investigated == .max)
        #expect(figures.dealtWith == .max)
    }
}
