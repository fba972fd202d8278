import Domain
import Repositories
import StoreTestSupport
import Testing

@Suite struct PopulationRepositoryTests {
    @Test(arguments: TestEngine.allCases) func upsertsByCouncilAndYear(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        var figure = Population(councilID: "alpha", year: 2020, population: 100_000, source: "ons-mid-2020")
        #expect(try store.populations.upsert(figure) == .created)
        #expect(try store.populations.upsert(figure) == .unchanged)
        figure.population = 100_001
        #expect(try store.populations.upsert(figure) == .updated)
        #expect(
            try store.populations.upsert(
                Population(councilID: "alpha", year: 2019, population: 99_000, source: "ons-mid-2019")) == .created)
        #expect(try store.populations.populations(council: "alpha").map(\.year) == [2019, 2020])
        #expect(try store.populations.populations(council: "alpha").last?.population == 100_001)
    }

    @Test(arguments: TestEngine.allCases) func refusesAnUnknownCouncil(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        #expect(throws: RepositoryError.batchRecord(index: 1, reason: .unknownCouncil("nowhere"))) {
            try store.populations.upsert([
                Population(councilID: "alpha", year: 2020, population: 1, source: "s"),
                Population(councilID: "nowhere", year: 2020, population: 1, source: "s"),
            ])
        }
        #expect(try store.populations.populations(council: "alpha").isEmpty)
    }

    @Test(arguments: TestEngine.allCases) func readsSeveralCouncilsInOneQuery(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        _ = try store.populations.upsert([
            Population(councilID: "alpha", year: 2020, population: 10, source: "s"),
            Population(councilID: "beta", year: 2020, population: 20, source: "s"),
            Population(councilID: "beta", year: 2021, population: 21, source: "s"),
        ])
        let figures = try store.populations.populations(councils: ["beta", "alpha", "nowhere", "quote\"d"])
        #expect(figures["alpha"]?.map(\.population) == [10])
        #expect(figures["beta"]?.map(\.population) == [20, 21])
        #expect(figures["nowhere"] == nil)
        #expect(try store.populations.populations(councils: [String]()).isEmpty)
    }
}
