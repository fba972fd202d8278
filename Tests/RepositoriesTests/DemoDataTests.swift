import Domain
import Foundation
import Repositories
import StoreTestSupport
import Testing

@Suite struct DemoDataTests {
    private let asOf = DemoDataset.asOf

    @Test func asOfIsTheEndOf2024To25() throws {
        #expect(try asOf == date("2025-03-31"))
    }

    @Test(arguments: TestEngine.allCases) func knowsleysTallyFor2024To25IsThePublishedOne(engine: TestEngine) throws {
        let store = try makeDemoStore(engine)
        let year = try fy("2024-25")
        let tally = try store.statistics.tally(council: "knowsley", year: year)
        // "we dealt with 35 complaints. Of these, 12 were not for us … assessed and closed 19 …
        // investigated 4 … upheld 4 … 0 out of 4 … satisfactory remedy … compliance outcomes in 4 cases".
        #expect(
            tally
                == DecisionTally(
                    councilID: "knowsley", year: year, notForUs: 12, assessedAndClosed: 19, upheld: 4, notUpheld: 0,
                    remediedBeforeOmbudsman: 0, complied: 4, notComplied: 0))
        let all = try collectPages(limit: 100) {
            try store.complaints.list(ComplaintFilter(councilID: "knowsley", year: year), page: $0)
        }
        #expect(all.items.count == 35)
        #expect(all.items.allSatisfy { $0.isDemo })
    }

    /// The page's service improvements, read from the reference copy of the page itself.
    private func publishedImprovements() throws -> [(reference: String, category: String, subcategory: String)] {
        let text = try String(
            contentsOfFile: try sharedFile("reference/lgsco-knowsley-council-performance.txt"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        var result: [(String, String, String)] = []
        for (index, line) in lines.enumerated() where line.hasPrefix("Case reference: ") && index + 2 < lines.count {
            result.append(
                (
                    String(line.dropFirst("Case reference: ".count)),
                    String(lines[index + 1].dropFirst("Category: ".count)),
                    String(lines[index + 2].dropFirst("Sub Category: ".count))
                ))
        }
        return result
    }

    @Test(arguments: TestEngine.allCases) func knowsleysImprovementsOnThePageDateAreTheTenPublishedInPageOrder(
        engine: TestEngine
    ) throws {
        let store = try makeDemoStore(engine)
        let page = try publishedImprovements()
        #expect(page.count == 10)
        #expect(DemoDataset.knowsleyPublishedImprovements == page.map(\.reference))

        let listed = try store.serviceImprovements.list(council: "knowsley", asOf: asOf, page: .first(50))
        #expect(listed.next == nil)
        #expect(listed.items.map(\.reference.published) == page.map(\.reference))
        #expect(listed.items.map(\.category) == page.map(\.category))
        #expect(listed.items.map { $0.subcategory ?? "" } == page.map(\.subcategory))
        for improvement in listed.items {
            #expect(!improvement.actions.isEmpty)
            #expect(improvement.decided.year >= improvement.reference.openedYear, "\(improvement.reference)")
        }
        // The same ten, page by page.
        let paged = try collectPages(limit: 3) {
            try store.serviceImprovements.list(council: "knowsley", asOf: asOf, page: $0)
        }
        #expect(paged.items == listed.items)
    }

    @Test(arguments: TestEngine.allCases) func olderKnowsleyImprovementsAreStoredButNoLongerPublished(
        engine: TestEngine
    ) throws {
        let store = try makeDemoStore(engine)
        let stored = DemoDataset.standard.serviceImprovements.filter { $0.councilID == "knowsley" }
        let expired = stored.filter { !$0.isPublished(on: asOf) }
        #expect(expired.count == 2)
        #expect(Set(expired.map(\.source)) == [.decision, .report])
        for improvement in expired {
            #expect(try store.serviceImprovements.improvement(improvement.reference) == improvement)
        }
        // Back when they were still published, the list shows them.
        let earlier = try store.serviceImprovements.list(
            council: "knowsley", asOf: date("2020-03-31"), page: .first(50))
        #expect(Set(earlier.items.map(\.reference)) == Set(expired.map(\.reference)))
    }

    @Test(arguments: TestEngine.allCases) func knowsleysReportsAreTheTwoOnThePageNewestFirst(engine: TestEngine) throws
    {
        let store = try makeDemoStore(engine)
        let reports = try store.reports.list(
            council: "knowsley", publishedFrom: asOf.adding(years: -Report.publicationYears), to: asOf, page: .first(10)
        )
        #expect(
            reports.items.map(\.title) == [
                "Care should be based on assessed need says LGO",
                "Knowsley council did not review vulnerable man’s situation properly",
            ])
    }

    @Test(arguments: TestEngine.allCases) func theMetropolitanBoroughAveragesFor2024To25AreThePublishedOnes(
        engine: TestEngine
    ) throws {
        let store = try makeDemoStore(engine)
        let averages = try store.publishedAverages.averages(year: fy("2024-25"), type: .metropolitanBorough)
        #expect(averages.map(\.metric) == AverageMetric.allCases)
        #expect(averages.map(\.value) == [0.81, 4.7, 0.13, 1.0])
        #expect(averages.allSatisfy { !$0.isDemo })
        let invented = DemoDataset.standard.publishedAverages.filter {
            !($0.year.startYear == 2024 && $0.councilType == .metropolitanBorough)
        }
        #expect(!invented.isEmpty && invented.allSatisfy { $0.isDemo })
        #expect(Set(DemoDataset.standard.publishedAverages.map(\.councilType)) == Set(CouncilType.allCases))
    }

    @Test(arguments: TestEngine.allCases) func knowsleyIsTheRealCouncilWithItsPopulation(engine: TestEngine) throws {
        let store = try makeDemoStore(engine)
        #expect(
            try store.councils.council("E08000011")
                == Council(
                    id: "knowsley", name: "Knowsley Metropolitan Borough Council", shortName: "Knowsley",
                    gssCode: "E08000011", type: .metropolitanBorough, region: "North West", isDemo: false))
        #expect(
            try store.populations.populations(council: "knowsley") == [
                Population(councilID: "knowsley", year: 2020, population: 152_452, source: "ons-mid-2020")
            ])
    }

    @Test func theInventedDecisionsAreConsistentAndMarked() throws {
        let demo = DemoDataset.standard
        let councils = Dictionary(uniqueKeysWithValues: demo.councils.map { ($0.id, $0) })
        #expect(councils.count == demo.councils.count)
        let types = Set(demo.councils.map(\.type))
        #expect(types == Set(CouncilType.allCases))
        #expect(demo.councils.filter { $0.type == .metropolitanBorough }.count >= 3)
        #expect(Set(demo.complaints.map(\.reference)).count == demo.complaints.count)
        #expect(Set(demo.serviceImprovements.map(\.reference)).count == demo.serviceImprovements.count)
        let first = try date("2022-04-01")
        for complaint in demo.complaints {
            #expect(complaint.isDemo)
            #expect(complaint.consistencyErrors.isEmpty, "\(complaint.reference)")
            #expect(complaint.decided >= first && complaint.decided <= asOf, "\(complaint.reference)")
            #expect(complaint.received.map { $0.year % 100 == complaint.reference.openedYear % 100 } ?? false)
            #expect(councils[complaint.councilID] != nil)
        }
        // Every council has decisions in each of the three years, and a realistic mix overall.
        let years = try ["2022-23", "2023-24", "2024-25"].map(fy)
        for council in demo.councils {
            for year in years {
                #expect(
                    demo.complaints.contains { $0.councilID == council.id && $0.year == year }, "\(council.id) \(year)")
            }
        }
        for outcome in Outcome.allCases {
            #expect(demo.complaints.filter { $0.outcome == outcome }.count > 20, "\(outcome)")
        }
        #expect(Set(demo.complaints.map(\.category)).count >= 6)
        #expect(demo.populations.count == demo.councils.count)
        #expect(demo.serviceImprovements.allSatisfy { $0.isDemo } && demo.reports.allSatisfy { $0.isDemo })
        #expect(demo.annualLetters.count >= 1 && demo.annualLetters.allSatisfy { $0.isDemo })
    }

    @Test(arguments: TestEngine.allCases) func loadingTheDemoTwiceChangesNothing(engine: TestEngine) throws {
        let store = try makeStore(engine)
        let first = try store.demo.load()
        let demo = DemoDataset.standard
        #expect(first.councils == UpsertSummary(created: demo.councils.count))
        #expect(first.complaints == UpsertSummary(created: demo.complaints.count))
        #expect(first.serviceImprovements == UpsertSummary(created: demo.serviceImprovements.count))
        #expect(first.total.updated == 0 && first.total.unchanged == 0)

        let tallies = try store.statistics.tallies(type: nil, year: fy("2024-25"))
        let second = try store.demo.load()
        #expect(second.total == UpsertSummary(unchanged: first.total.created))
        #expect(!second.total.changedAnything)
        #expect(try store.statistics.tallies(type: nil, year: fy("2024-25")) == tallies)
    }
}
