import Domain
import Statistics
import Testing

@Suite struct PublishedComparisonTests {
    @Test func picksTheTypeAndYearAndLeavesMissingMetricsNil() throws {
        let year = try financialYear(2024)
        let averages = [
            PublishedAverage(year: year, councilType: .metropolitanBorough, metric: .upheldRate, value: 0.81),
            PublishedAverage(year: year, councilType: .metropolitanBorough, metric: .upheldPer100k, value: 4.7),
            PublishedAverage(year: year, councilType: .metropolitanBorough, metric: .remedyRate, value: 0.13),
            PublishedAverage(year: year, councilType: .unitary, metric: .complianceRate, value: 0.99),
            PublishedAverage(
                year: try financialYear(2023), councilType: .metropolitanBorough,
                metric: .complianceRate, value: 0.98),
        ]
        let comparison = PublishedComparison(councilType: .metropolitanBorough, year: year, from: averages)

        #expect(comparison.upheldRate == 0.81)
        #expect(comparison.upheldPer100k == 4.7)
        #expect(comparison.remedyRate == 0.13)
        #expect(comparison.complianceRate == nil)
        #expect(comparison[.upheldRate] == 0.81)
        #expect(comparison[.complianceRate] == nil)
        #expect(!comparison.isDemo)
    }

    @Test func aRealFigureWinsOverADemoOneAndDemoIsFlagged() throws {
        let year = try financialYear(2024)
        let averages = [
            PublishedAverage(year: year, councilType: .county, metric: .upheldRate, value: 0.5, isDemo: true),
            PublishedAverage(year: year, councilType: .county, metric: .upheldRate, value: 0.7),
            PublishedAverage(year: year, councilType: .county, metric: .remedyRate, value: 0.2, isDemo: true),
        ]
        let comparison = PublishedComparison(councilType: .county, year: year, from: averages)

        #expect(comparison.upheldRate == 0.7)
        #expect(comparison.remedyRate == 0.2)
        #expect(comparison.isDemo)
    }

    @Test func nothingStoredGivesAllNil() throws {
        let comparison = PublishedComparison(councilType: .district, year: try financialYear(2024), from: [])
        for metric in AverageMetric.allCases {
            #expect(comparison[metric] == nil)
        }
        #expect(!comparison.isDemo)
    }
}
