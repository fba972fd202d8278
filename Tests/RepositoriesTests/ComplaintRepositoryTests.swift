import Domain
import Repositories
import StoreTestSupport
import Testing

@Suite struct ComplaintRepositoryTests {
    @Test(arguments: TestEngine.allCases) func storesAndFindsAComplaintByAnySpellingOfItsReference(engine: TestEngine)
        throws
    {
        let store = try makeStoreWithCouncils(engine)
        let stored = try complaint(
            "24001234", decided: "2024-06-03", received: "2024-02-01", subcategory: "Homelessness", outcome: .upheld,
            remedy: true, compliance: .complied)
        #expect(try store.complaints.upsert(stored) == .created)
        #expect(try store.complaints.complaint(ref("24 001 234")) == stored)
        #expect(try store.complaints.complaint(ref("24-001-234")) == stored)
        #expect(try store.complaints.complaint(ref("24001235")) == nil)
    }

    @Test(arguments: TestEngine.allCases) func upsertReportsCreatedUpdatedAndUnchanged(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        var record = try complaint("24000001", decided: "2024-05-01", outcome: .notForUs, reason: .premature)
        #expect(try store.complaints.upsert(record) == .created)
        #expect(try store.complaints.upsert(record) == .unchanged)
        record.notForUsReason = .referredBack
        #expect(try store.complaints.upsert(record) == .updated)
        #expect(try store.complaints.complaint(record.reference)?.notForUsReason == .referredBack)
        record.councilID = "beta"
        #expect(try store.complaints.upsert(record) == .updated)
        #expect(try store.complaints.complaint(record.reference)?.councilID == "beta")
    }

    @Test(arguments: TestEngine.allCases) func refusesAnUnknownCouncil(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        #expect(throws: RepositoryError.unknownCouncil("nowhere")) {
            try store.complaints.upsert(complaint("24000001", council: "nowhere", decided: "2024-05-01"))
        }
    }

    @Test(arguments: TestEngine.allCases) func aBatchWithOneBadRecordWritesNothing(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        let batch = [
            try complaint("24000001", decided: "2024-05-01"),
            try complaint("24000002", decided: "2024-05-02"),
            try complaint("24000003", council: "nowhere", decided: "2024-05-03"),
            try complaint("24000004", decided: "2024-05-04"),
        ]
        #expect(throws: RepositoryError.batchRecord(index: 2, reason: .unknownCouncil("nowhere"))) {
            try store.complaints.upsert(batch)
        }
        #expect(try store.complaints.list(page: .first(10)).items.isEmpty)

        let badCheck = [
            try complaint("24000001", decided: "2024-05-01"),
            try complaint("24000002", decided: "2024-05-02", outcome: .notUpheld, remedy: false),
        ]
        #expect(throws: RepositoryError.self) { try store.complaints.upsert(badCheck) }
        #expect(try store.complaints.complaint(ref("24000001")) == nil)
    }

    @Test(arguments: TestEngine.allCases) func aBatchReportsEachRecordsOutcomeInOrder(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        let first = try complaint("24000001", decided: "2024-05-01")
        try store.complaints.upsert(first)
        var changed = first
        changed.category = "Planning and development"
        let outcomes = try store.complaints.upsert([
            try complaint("24000002", decided: "2024-05-02"), first, changed,
        ])
        // The batch sees its own earlier records: `first` is unchanged, then `changed` updates it.
        #expect(outcomes == [.created, .unchanged, .updated])
    }

    @Test(arguments: TestEngine.allCases) func deleteSaysWhetherTheComplaintExisted(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        try store.complaints.upsert(complaint("24000001", decided: "2024-05-01"))
        #expect(try store.complaints.delete(ref("24000001")))
        #expect(try !store.complaints.delete(ref("24000001")))
        #expect(try store.complaints.complaint(ref("24000001")) == nil)
    }

    // MARK: Lists

    /// Decisions spread over two councils, two financial years, categories and outcomes.
    private func seeded(_ engine: TestEngine) throws -> DataStore {
        let store = try makeStoreWithCouncils(engine)
        _ = try store.complaints.upsert([
            try complaint(
                "23000001", decided: "2024-03-31", category: "Housing", outcome: .notForUs, reason: .premature),
            try complaint("24000002", decided: "2024-04-01", category: "Housing", subcategory: "Allocations"),
            try complaint("24000003", decided: "2024-04-01", category: "Education", outcome: .upheld),
            try complaint("24000004", council: "beta", decided: "2024-07-15", category: "Housing", outcome: .upheld),
            try complaint(
                "24000005", decided: "2025-03-31", category: "Education", subcategory: "School transport",
                outcome: .notUpheld),
            try complaint("25000006", decided: "2025-04-01", category: "Housing", subcategory: "Allocations"),
        ])
        return store
    }

    private func references(_ store: DataStore, _ filter: ComplaintFilter) throws -> [String] {
        try store.complaints.list(filter, page: .first(100)).items.map(\.reference.normalized)
    }

    @Test(arguments: TestEngine.allCases) func listsNewestFirstWithReferenceBreakingTies(engine: TestEngine) throws {
        let store = try seeded(engine)
        #expect(
            try references(store, ComplaintFilter()) == [
                "25000006", "24000005", "24000004", "24000003", "24000002", "23000001",
            ])
    }

    @Test(arguments: TestEngine.allCases) func filtersByCouncilYearCategorySubcategoryOutcomeAndDates(
        engine: TestEngine
    ) throws {
        let store = try seeded(engine)
        #expect(try references(store, ComplaintFilter(councilID: "beta")) == ["24000004"])
        #expect(
            try references(store, ComplaintFilter(year: fy("2024-25"))) == [
                "24000005", "24000004", "24000003", "24000002",
            ])
        #expect(try references(store, ComplaintFilter(year: fy("2023-24"))) == ["23000001"])
        #expect(try references(store, ComplaintFilter(category: "education")) == ["24000005", "24000003"])
        #expect(try references(store, ComplaintFilter(subcategory: "Allocations")) == ["25000006", "24000002"])
        #expect(try references(store, ComplaintFilter(outcome: .upheld)) == ["24000004", "24000003"])
        #expect(
            try references(store, ComplaintFilter(decidedFrom: date("2024-07-15"))) == [
                "25000006", "24000005", "24000004",
            ])
        #expect(
            try references(store, ComplaintFilter(decidedTo: date("2024-04-01"))) == [
                "24000003", "24000002", "23000001",
            ])
        #expect(
            try references(
                store,
                ComplaintFilter(
                    councilID: "alpha", year: fy("2024-25"), category: "Housing", outcome: .assessedAndClosed)) == [
                    "24000002"
                ])
        // A date range is intersected with the year, and an empty intersection is an empty list.
        #expect(
            try references(store, ComplaintFilter(year: fy("2024-25"), decidedFrom: date("2025-01-01"))) == [
                "24000005"
            ])
        #expect(try references(store, ComplaintFilter(year: fy("2023-24"), decidedFrom: date("2024-04-01"))) == [])
    }

    @Test(arguments: TestEngine.allCases) func pagesCoverTheListExactlyOnce(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        // Several decisions per day, so pages split inside a day and must break ties by reference.
        let records = try (0..<25).map { index in
            try complaint(
                "24" + String(100_000 + index), decided: "2024-05-\(10 + index / 3)",
                outcome: index % 2 == 0 ? .assessedAndClosed : .notForUs)
        }
        _ = try store.complaints.upsert(records)
        let all = try store.complaints.list(page: .first(100)).items
        let paged = try collectPages(limit: 7) { try store.complaints.list(page: $0) }
        #expect(paged.pages == 4)
        #expect(paged.items == all)
        #expect(Set(paged.items.map(\.reference)).count == 25)

        let filtered = try collectPages(limit: 2) {
            try store.complaints.list(ComplaintFilter(outcome: .notForUs), page: $0)
        }
        #expect(filtered.items.map(\.reference) == all.filter { $0.outcome == .notForUs }.map(\.reference))
    }

    @Test(arguments: TestEngine.allCases) func theLastFullPageHasNoNextKey(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        _ = try store.complaints.upsert((0..<4).map { try complaint("2400000\($0)", decided: "2024-05-0\($0 + 1)") })
        let page = try store.complaints.list(page: .first(4))
        #expect(page.items.count == 4)
        #expect(page.next == nil)
    }

    @Test(arguments: TestEngine.allCases) func pagesStayStableWhileRowsAreInserted(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        _ = try store.complaints.upsert(
            (0..<10).map { index in
                try complaint("24" + String(200_000 + index), decided: "2024-06-\(10 + index)")
            })
        let first = try store.complaints.list(page: .first(4))
        #expect(first.items.map(\.decided.day) == [19, 18, 17, 16])
        let key = try #require(first.next)

        // Insert one row newer than everything seen, one inside the seen range, and one older
        // than the cursor, between the page fetches.
        _ = try store.complaints.upsert([
            try complaint("24300001", decided: "2024-06-30"),
            try complaint("24300002", decided: "2024-06-17"),
            try complaint("24300003", decided: "2024-06-01"),
        ])
        let rest = try collectPages(limit: 4, after: key) { try store.complaints.list(page: $0) }
        // Nothing already shown comes back, nothing originally after the cursor is skipped, and
        // the older insert appears in its place; rows inserted before the cursor are not shown.
        #expect(rest.items.map(\.decided.day) == [15, 14, 13, 12, 11, 10, 1])
        #expect(Set(first.items.map(\.reference)).isDisjoint(with: rest.items.map(\.reference)))
    }

    @Test(arguments: TestEngine.allCases) func refusesAPageKeyItDidNotProduce(engine: TestEngine) throws {
        let store = try seeded(engine)
        for bad in [
            PageKey([]), PageKey(["2024-05-01"]), PageKey(["2024-02-30", "24000001"]),
            PageKey(["2024-05-01", "24 000 001"]), PageKey(["2024-05-01", "x", "y"]),
        ] {
            #expect(throws: RepositoryError.invalidPageKey) {
                try store.complaints.list(page: PageRequest(limit: 2, after: bad))
            }
        }
    }
}
