import Domain
import Repositories
import StoreTestSupport
import Testing

@Suite struct AnnualLetterRepositoryTests {
    @Test(arguments: TestEngine.allCases) func upsertsByCouncilAndYearAndListsNewestFirst(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        var letter = AnnualLetter(
            councilID: "alpha", year: try fy("2023-24"), published: try date("2024-07-17"), url: nil, text: "Text")
        #expect(try store.annualLetters.upsert(letter) == .created)
        #expect(try store.annualLetters.upsert(letter) == .unchanged)
        letter.url = "https://example.org/letter"
        #expect(try store.annualLetters.upsert(letter) == .updated)
        let older = AnnualLetter(councilID: "alpha", year: try fy("2022-23"), published: try date("2023-07-19"))
        #expect(try store.annualLetters.upsert([older]) == [.created])
        #expect(try store.annualLetters.letters(council: "alpha") == [letter, older])
        #expect(try store.annualLetters.letter(council: "alpha", year: fy("2022-23")) == older)
        #expect(try store.annualLetters.letters(council: "beta").isEmpty)
        #expect(throws: RepositoryError.unknownCouncil("nowhere")) {
            try store.annualLetters.upsert(
                AnnualLetter(councilID: "nowhere", year: try fy("2022-23"), published: try date("2023-07-19")))
        }
    }
}

@Suite struct PublishedAverageRepositoryTests {
    @Test(arguments: TestEngine.allCases) func upsertsByYearTypeAndMetric(engine: TestEngine) throws {
        let store = try makeStore(engine)
        let year = try fy("2024-25")
        var upheld = PublishedAverage(year: year, councilType: .metropolitanBorough, metric: .upheldRate, value: 0.81)
        let compliance = PublishedAverage(
            year: year, councilType: .metropolitanBorough, metric: .complianceRate, value: 1.0)
        #expect(try store.publishedAverages.upsert([compliance, upheld]) == [.created, .created])
        #expect(try store.publishedAverages.upsert(upheld) == .unchanged)
        upheld.value = 0.8
        #expect(try store.publishedAverages.upsert(upheld) == .updated)
        #expect(try store.publishedAverages.averages(year: year, type: .metropolitanBorough) == [upheld, compliance])
        #expect(try store.publishedAverages.averages(year: year, type: .county).isEmpty)
        #expect(try store.publishedAverages.averages(year: year).count == 2)
        #expect(try store.publishedAverages.averages(year: fy("2023-24")).isEmpty)
    }
}
