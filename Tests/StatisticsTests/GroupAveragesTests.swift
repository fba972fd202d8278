import Domain
import Statistics
import Testing

/// Three councils of one type, worked by hand.
///
///     A: 5 upheld + 5 not upheld = 10 investigated; population 100,000; 2 remedied; 4 complied of 5 recorded
///        upheld rate 5/10 = 0.5, per 100k 5/100,000×100,000 = 5.0, remedy 2/5 = 0.4, compliance 4/5 = 0.8
///     B: 3 not for us, 2 assessed and closed, 0 investigated; population 50,000
///        upheld rate none (0/0), per 100k 0/50,000×100,000 = 0.0, remedy none (0/0), compliance none (0/0)
///     C: 4 upheld + 0 not upheld = 4 investigated; no population; 1 remedied; 1 complied of 2 recorded
///        upheld rate 4/4 = 1.0, per 100k none, remedy 1/4 = 0.25, compliance 1/2 = 0.5
///
///     metric           councils  mean                        pooled
///     upheld_rate      2 (A, C)  (0.5 + 1.0) / 2 = 0.75      (5 + 4) / (10 + 4) = 9/14
///     upheld_per_100k  2 (A, B)  (5.0 + 0.0) / 2 = 2.5       (5 + 0) / (100,000 + 50,000) × 100,000 = 10/3
///     remedy_rate      2 (A, C)  (0.4 + 0.25) / 2 = 0.325    (2 + 1) / (5 + 4) = 1/3
///     compliance_rate  2 (A, C)  (0.8 + 0.5) / 2 = 0.65      (4 + 1) / (5 + 2) = 5/7
@Suite struct GroupAveragesTests {
    func members() throws -> [CouncilFigures] {
        let year = try financialYear(2024)
        return [
            CouncilFigures(
                tally: DecisionTally(
                    councilID: "a", year: year, upheld: 5, notUpheld: 5, remediedBeforeOmbudsman: 2, complied: 4,
                    notComplied: 1),
                population: population("a", 2020, 100_000)),
            CouncilFigures(
                tally: DecisionTally(councilID: "b", year: year, notForUs: 3, assessedAndClosed: 2),
                population: population("b", 2020, 50_000)),
            CouncilFigures(
                tally: DecisionTally(
                    councilID: "c", year: year, upheld: 4, remediedBeforeOmbudsman: 1, complied: 1, notComplied: 1),
                population: nil),
        ]
    }

    /// With a threshold of 5 cases: C's upheld rate (4 investigated) and its remedy rate (4
    /// upheld) and compliance rate (2 recorded) are left out, A's compliance rate (5 recorded)
    /// stays; upheld per 100,000 leaves nobody out.
    @Test func smallNumbersAreLeftOutAndCounted() throws {
        let averages = GroupAverages(
            councilType: .unitary, year: try financialYear(2024), members: try members(),
            threshold: SmallNumberThreshold(5))
        #expect(averages.upheldRate.councils == 1 && averages.upheldRate.leftOutForSmallNumbers == 1)
        #expect(isClose(averages.upheldRate.mean, 0.5))
        #expect(isClose(averages.upheldRate.pooled, 0.5))
        #expect(averages.remedyRate.councils == 1 && averages.remedyRate.leftOutForSmallNumbers == 1)
        #expect(averages.complianceRate.councils == 1 && averages.complianceRate.leftOutForSmallNumbers == 1)
        #expect(isClose(averages.complianceRate.mean, 0.8))
        #expect(averages.upheldPer100k.councils == 2 && averages.upheldPer100k.leftOutForSmallNumbers == 0)
        #expect(isClose(averages.upheldPer100k.mean, 2.5))

        let none = GroupAverages(councilType: .unitary, year: try financialYear(2024), members: try members())
        #expect(none.metrics.allSatisfy { $0.leftOutForSmallNumbers == 0 })
    }

    @Test func eachMetricIsJudgedOnItsOwnCount() throws {
        let figures = try members()[0]
        #expect(figures.smallNumberBase(for: .upheldRate) == 10)
        #expect(figures.smallNumberBase(for: .upheldPer100k) == 5)
        #expect(figures.smallNumberBase(for: .remedyRate) == 5)
        #expect(figures.smallNumberBase(for: .complianceRate) == 5)
        #expect(figures.hasSmallNumbers(.upheldRate, threshold: SmallNumberThreshold(11)))
        #expect(!figures.hasSmallNumbers(.upheldRate, threshold: .standard))
        #expect(!figures.hasSmallNumbers(.upheldRate, threshold: SmallNumberThreshold(-3)))
    }

    @Test func handWorkedGroupBothWays() throws {
        let averages = GroupAverages(councilType: .unitary, year: try financialYear(2024), members: try members())

        #expect(averages.councilType == .unitary)
        #expect(averages.year == (try financialYear(2024)))
        #expect(averages.groupSize == 3)

        #expect(averages.upheldRate.councils == 2)
        #expect(isClose(averages.upheldRate.mean, 0.75))
        #expect(isClose(averages.upheldRate.pooled, 9.0 / 14.0))

        #expect(averages.upheldPer100k.councils == 2)
        #expect(isClose(averages.upheldPer100k.mean, 2.5))
        #expect(isClose(averages.upheldPer100k.pooled, 10.0 / 3.0))

        #expect(averages.remedyRate.councils == 2)
        #expect(isClose(averages.remedyRate.mean, 0.325))
        #expect(isClose(averages.remedyRate.pooled, 1.0 / 3.0))

        #expect(averages.complianceRate.councils == 2)
        #expect(isClose(averages.complianceRate.mean, 0.65))
        #expect(isClose(averages.complianceRate.pooled, 5.0 / 7.0))
    }

    @Test func metricsAreReachableByNameAndMethod() throws {
        let averages = GroupAverages(councilType: .unitary, year: try financialYear(2024), members: try members())

        #expect(averages.metrics.map(\.metric) == AverageMetric.allCases)
        #expect(averages[.remedyRate] == averages.remedyRate)
        #expect(averages[.upheldRate].value(.mean) == averages.upheldRate.mean)
        #expect(averages[.upheldRate].value(.pooled) == averages.upheldRate.pooled)
    }

    @Test func aMetricNoCouncilCanContributeToIsNil() throws {
        let onlyB = try Array(members()[1...1])
        let averages = GroupAverages(councilType: .unitary, year: try financialYear(2024), members: onlyB)

        #expect(averages.groupSize == 1)
        for metric in [AverageMetric.upheldRate, .remedyRate, .complianceRate] {
            #expect(averages[metric].councils == 0)
            #expect(averages[metric].mean == nil)
            #expect(averages[metric].pooled == nil)
        }
        #expect(averages.upheldPer100k.councils == 1)
        #expect(averages.upheldPer100k.mean == 0.0)
        #expect(averages.upheldPer100k.pooled == 0.0)
    }

    @Test func anEmptyGroupHasNoAverages() throws {
        let averages = GroupAverages(councilType: .district, year: try financialYear(2024), members: [])

        #expect(averages.groupSize == 0)
        for metric in averages.metrics {
            #expect(metric.councils == 0)
            #expect(metric.mean == nil)
            #expect(metric.pooled == nil)
        }
    }
}
