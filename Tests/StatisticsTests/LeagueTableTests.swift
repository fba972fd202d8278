import Domain
import Statistics
import Testing

@Suite struct LeagueTableTests {
    /// Upheld rates: d 1/2 = 0.5, b 1/4 = 0.25, a 2/4 = 0.5, c none (0 investigated), e none.
    /// Upheld counts: a 2, b 1, c 0, d 1, e 0.
    func figures() throws -> [CouncilFigures] {
        let year = try financialYear(2024)
        return [
            CouncilFigures(tally: DecisionTally(councilID: "d", year: year, upheld: 1, notUpheld: 1), population: nil),
            CouncilFigures(tally: DecisionTally(councilID: "c", year: year, notForUs: 7), population: nil),
            CouncilFigures(tally: DecisionTally(councilID: "b", year: year, upheld: 1, notUpheld: 3), population: nil),
            CouncilFigures(tally: DecisionTally(councilID: "e", year: year, assessedAndClosed: 1), population: nil),
            CouncilFigures(tally: DecisionTally(councilID: "a", year: year, upheld: 2, notUpheld: 2), population: nil),
        ]
    }

    @Test func ascendingRateWithTiesByIDAndNilsLast() throws {
        let table = LeagueTable(try figures(), order: LeagueOrder(.upheldRate, .ascending))
        #expect(table.rows.map(\.councilID) == ["b", "a", "d", "c", "e"])
    }

    @Test func descendingRateKeepsTiesByIDAscendingAndNilsLast() throws {
        let table = LeagueTable(try figures(), order: LeagueOrder(.upheldRate, .descending))
        #expect(table.rows.map(\.councilID) == ["a", "d", "b", "c", "e"])
    }

    @Test func countsSortBothWaysWithTiesByID() throws {
        let ascending = LeagueTable(try figures(), order: LeagueOrder(.upheld, .ascending))
        #expect(ascending.rows.map(\.councilID) == ["c", "e", "b", "d", "a"])
        let descending = LeagueTable(try figures(), order: LeagueOrder(.upheld, .descending))
        #expect(descending.rows.map(\.councilID) == ["a", "b", "d", "c", "e"])
    }

    @Test func rowsCarryTheirFigures() throws {
        let table = LeagueTable(try figures(), order: LeagueOrder(.dealtWith, .descending))
        #expect(table.rows.first?.councilID == "c")
        #expect(table.rows.first?.figures.dealtWith == 7)
        #expect(table.order == LeagueOrder(.dealtWith, .descending))
    }

    @Test func everyKeyNamesAValue() throws {
        let sample = try #require(try figures().last)
        for key in SortKey.allCases {
            if key.isRate {
                let metric = try #require(AverageMetric(rawValue: key.rawValue))
                #expect(key.value(of: sample) == sample[metric])
            } else {
                #expect(key.value(of: sample) != nil)
            }
        }
        #expect(SortKey.remedyCount.value(of: sample) == 0)
        #expect(SortKey.investigated.value(of: sample) == 4)
    }

    @Test func sortKeysAreTheQueryStringNames() {
        #expect(
            SortKey.allCases.map(\.rawValue) == [
                "dealt_with", "not_for_us", "assessed_and_closed", "investigated", "upheld", "not_upheld",
                "remedy_count", "complied", "upheld_rate", "upheld_per_100k", "remedy_rate", "compliance_rate",
            ])
        for metric in AverageMetric.allCases {
            #expect(SortKey(metric).rawValue == metric.rawValue)
        }
    }

    @Test func parsesSortParameters() throws {
        #expect(LeagueOrder(parameter: "upheld_rate") == LeagueOrder(.upheldRate, .ascending))
        #expect(LeagueOrder(parameter: "-upheld_per_100k") == LeagueOrder(.upheldPer100k, .descending))
        #expect(LeagueOrder(parameter: "-compliance_rate")?.description == "-compliance_rate")
        #expect(LeagueOrder(.dealtWith).description == "dealt_with")
    }

    @Test(arguments: ["", "-", "--upheld_rate", "+upheld_rate", "Upheld_Rate", "upheld rate", "upheld_rate ", "rate"])
    func refusesOtherSortSpellings(_ text: String) {
        #expect(LeagueOrder(parameter: text) == nil)
    }
}

@Suite struct LeagueTableKeysetTests {
    @Test func rowsAfterAPositionContinueTheOrderEvenWhenThatRowIsGone() throws {
        let year = try #require(FinancialYear("2024-25"))
        func figures(_ id: String, upheld: Int, notUpheld: Int) -> CouncilFigures {
            CouncilFigures(
                tally: DecisionTally(councilID: id, year: year, upheld: upheld, notUpheld: notUpheld), population: nil)
        }
        let table = LeagueTable(
            [
                figures("a", upheld: 1, notUpheld: 1), figures("b", upheld: 3, notUpheld: 1),
                figures("c", upheld: 0, notUpheld: 0),
                figures("d", upheld: 1, notUpheld: 1),
            ],
            order: LeagueOrder(.upheldRate, .descending))
        #expect(table.rows.map(\.councilID) == ["b", "a", "d", "c"])
        #expect(table.rows(after: table.position(of: table.rows[1])).map(\.councilID) == ["d", "c"])
        // A position between rows that no longer exists: 0.6 sits between b (0.75) and a (0.5).
        #expect(table.rows(after: LeaguePosition(value: 0.6, councilID: "zz")).map(\.councilID) == ["a", "d", "c"])
        #expect(table.rows(after: LeaguePosition(value: nil, councilID: "a")).map(\.councilID) == ["c"])
        #expect(table.rows(after: table.position(of: table.rows[3])).isEmpty)
    }
}
