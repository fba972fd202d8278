import Domain
import Repositories
import StoreTestSupport
import Testing

@Suite struct ServiceImprovementRepositoryTests {
    private func improvement(
        _ reference: String, council: String = "alpha", decided: String, source: ImprovementSource = .decision,
        actions: [String] = ["Act."]
    ) throws -> ServiceImprovement {
        ServiceImprovement(
            reference: try ref(reference), councilID: council, category: "Housing", subcategory: "Homelessness",
            decided: try date(decided), source: source, actions: actions)
    }

    @Test(arguments: TestEngine.allCases) func storesActionsInOrderAndReplacesThem(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        var stored = try improvement("23000001", decided: "2024-01-10", actions: ["Third", "First", "Second"])
        #expect(try store.serviceImprovements.upsert(stored) == .created)
        #expect(try store.serviceImprovements.improvement(stored.reference) == stored)
        #expect(try store.serviceImprovements.upsert(stored) == .unchanged)
        stored.actions = ["Only one now"]
        #expect(try store.serviceImprovements.upsert(stored) == .updated)
        #expect(try store.serviceImprovements.improvement(stored.reference)?.actions == ["Only one now"])
        stored.actions = []
        #expect(try store.serviceImprovements.upsert(stored) == .updated)
        #expect(try store.serviceImprovements.improvement(stored.reference)?.actions == [])
    }

    @Test(arguments: TestEngine.allCases) func aBadActionUndoesTheWholeImprovement(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        let original = try improvement("23000001", decided: "2024-01-10", actions: ["Keep me"])
        try store.serviceImprovements.upsert(original)
        var changed = original
        changed.category = "Education"
        changed.actions = ["Fine", "   "]
        let error = #expect(throws: RepositoryError.self) { try store.serviceImprovements.upsert(changed) }
        // The constraint's name is the same on both engines; the message is each engine's own.
        guard case .constraintViolated(let constraint, _) = error else {
            Issue.record("expected a constraint violation, got \(String(describing: error))")
            return
        }
        #expect(constraint == "action_not_blank")
        #expect(try store.serviceImprovements.improvement(original.reference) == original)
    }

    @Test(arguments: TestEngine.allCases) func listsOnlyWhatIsStillPublishedNewestFirst(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        let asOf = try date("2025-03-31")
        let all = [
            try improvement("24000001", decided: "2025-04-01"),  // after as-of: not yet
            try improvement("24000002", decided: "2025-03-31"),  // on as-of: shown
            try improvement("20000003", decided: "2020-04-01"),  // decision, within five years
            try improvement("20000004", decided: "2020-03-31"),  // decision, exactly five years: gone
            try improvement("20000005", decided: "2020-03-31", source: .report),  // report: shown for ten
            try improvement("15000006", decided: "2015-04-01", source: .report),
            try improvement("15000007", decided: "2015-03-31", source: .report),  // exactly ten: gone
            try improvement("22000008", council: "beta", decided: "2022-06-01"),
        ]
        _ = try store.serviceImprovements.upsert(all)
        let expected = all.filter { $0.isPublished(on: asOf) }.sorted {
            ($0.decided, $0.reference) > ($1.decided, $1.reference)
        }
        let listed = try store.serviceImprovements.list(asOf: asOf, page: .first(50)).items
        #expect(listed == expected)
        #expect(
            listed.map(\.reference.normalized) == [
                "24000002", "22000008", "20000003", "20000005", "15000006",
            ])
        let alpha = try collectPages(limit: 2) {
            try store.serviceImprovements.list(council: "alpha", asOf: asOf, page: $0)
        }
        #expect(alpha.items == expected.filter { $0.councilID == "alpha" })
        #expect(alpha.pages == 2)
    }

    @Test(arguments: TestEngine.allCases) func refusesAnUnknownCouncil(engine: TestEngine) throws {
        let store = try makeStoreWithCouncils(engine)
        #expect(throws: RepositoryError.unknownCouncil("nowhere")) {
            try store.serviceImprovements.upsert(improvement("23000001", council: "nowhere", decided: "2024-01-10"))
        }
    }
}
