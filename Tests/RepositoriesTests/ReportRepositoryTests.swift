import Domain
import Repositories
import StoreTestSupport
import Testing

@Suite struct ReportRepositoryTests {
    private func report(_ id: String, council: String = "alpha", published: String) throws -> Report {
        Report(
            id: id, councilID: council, title: "Report \(id)", summary: "About \(id).", published: try date(published))
    }

    private func seeded(_ engine: TestEngine) throws -> DataStore {
        let store = try makeStoreWithCouncils(engine)
        _ = try store.reports.upsert([
            try report("r-2014", published: "2014-06-01"),
            try report("r-2016", published: "2016-02-01"),
            try report("r-2020-a", published: "2020-09-09"),
            try report("r-2020-b", published: "2020-09-09"),
            try report("r-beta", council: "beta", published: "2021-01-01"),
            try report("r-2025", published: "2025-04-02"),
        ])
        return store
    }

    @Test(arguments: TestEngine.allCases) func storesAndFindsByIdWithOptionalFields(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        var stored = try report("r-1", published: "2020-01-01")
        stored.reference = try ref("19 000 123")
        stored.url = "https://example.org/r-1"
        #expect(try store.reports.upsert(stored) == .created)
        #expect(try store.reports.report(id: "r-1") == stored)
        #expect(try store.reports.upsert(stored) == .unchanged)
        stored.summary = "Changed."
        #expect(try store.reports.upsert(stored) == .updated)
        #expect(try store.reports.report(id: "r-1")?.summary == "Changed.")
        #expect(try store.reports.report(id: "r-2") == nil)
    }

    @Test(arguments: TestEngine.allCases) func listsReportsPublishedInTheWindowNewestFirst(engine: TestEngine) throws {
        let store = try seeded(engine)
        let asOf = try date("2025-03-31")
        let window = asOf.adding(years: -Report.publicationYears)
        let all = try store.reports.list(publishedFrom: window, to: asOf, page: .first(10)).items.map(\.id)
        #expect(all == ["r-beta", "r-2020-b", "r-2020-a", "r-2016"])
        let alpha = try store.reports.list(council: "alpha", publishedFrom: window, to: asOf, page: .first(10))
        #expect(alpha.items.map(\.id) == ["r-2020-b", "r-2020-a", "r-2016"])
        let paged = try collectPages(limit: 1) {
            try store.reports.list(council: "alpha", publishedFrom: window, to: asOf, page: $0)
        }
        #expect(paged.items.map(\.id) == alpha.items.map(\.id))
        #expect(try store.reports.list(publishedFrom: asOf, to: window, page: .first(10)).items.isEmpty)
    }

    @Test(arguments: TestEngine.allCases) func refusesAReportForAnUnknownCouncil(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        #expect(throws: RepositoryError.unknownCouncil("nowhere")) {
            try store.reports.upsert(report("r-1", council: "nowhere", published: "2020-01-01"))
        }
    }
}
