import Domain
import Repositories
import StoreTestSupport
import Testing

@Suite struct CouncilRepositoryTests {
    private func seeded(_ engine: TestEngine) throws -> DataStore {
        let store = try makeStore(engine)
        _ = try store.councils.upsert([
            council("knowsley", gss: "E08000011", name: "Knowsley Metropolitan Borough Council"),
            council("liverpool", gss: "E08000012", name: "Liverpool City Council"),
            council("lancashire", gss: "E10000017", type: .county, name: "Lancashire County Council"),
            council("crawley", gss: "E07000226", type: .district, region: "South East"),
            council(
                "camden", gss: "E09000007", type: .londonBorough, region: "London", name: "London Borough of Camden"),
            council("city-of-london", gss: "E09000001", type: .londonBorough, region: "London"),
        ])
        return store
    }

    @Test(arguments: TestEngine.allCases) func findsACouncilByIdOrByGSSCodeInAnyCase(engine: TestEngine) throws {
        let store = try seeded(engine)
        let knowsley = try #require(try store.councils.council("knowsley"))
        #expect(knowsley.gssCode == "E08000011")
        #expect(try store.councils.council("E08000011") == knowsley)
        #expect(try store.councils.council("e08000011") == knowsley)
        #expect(try store.councils.council("E08000099") == nil)
        #expect(try store.councils.council("nowhere") == nil)
    }

    @Test(arguments: TestEngine.allCases) func storesGSSCodesUpperCase(engine: TestEngine) throws {
        let store = try makeStore(engine)
        try store.councils.upsert(council("york", gss: "e06000014", type: .unitary))
        #expect(try store.councils.council("york")?.gssCode == "E06000014")
        #expect(try store.councils.upsert(council("york", gss: "E06000014", type: .unitary)) == .unchanged)
    }

    private func ids(_ store: DataStore, _ filter: CouncilFilter) throws -> [String] {
        try store.councils.list(filter, page: .first(100)).items.map(\.id)
    }

    @Test(arguments: TestEngine.allCases) func listsInIdOrderWithFilters(engine: TestEngine) throws {
        let store = try seeded(engine)
        #expect(
            try ids(store, CouncilFilter()) == [
                "camden", "city-of-london", "crawley", "knowsley", "lancashire", "liverpool",
            ])
        #expect(try ids(store, CouncilFilter(type: .metropolitanBorough)) == ["knowsley", "liverpool"])
        #expect(try ids(store, CouncilFilter(type: .londonBorough)) == ["camden", "city-of-london"])
        #expect(try ids(store, CouncilFilter(region: "london")) == ["camden", "city-of-london"])
        #expect(try ids(store, CouncilFilter(region: "North West")) == ["knowsley", "lancashire", "liverpool"])
        #expect(try ids(store, CouncilFilter(query: "KNOW")) == ["knowsley"])
        #expect(try ids(store, CouncilFilter(query: "borough")) == ["camden", "knowsley"])
        #expect(try ids(store, CouncilFilter(query: "City")) == ["city-of-london", "liverpool"])
        #expect(try ids(store, CouncilFilter(type: .metropolitanBorough, query: "city")) == ["liverpool"])
        #expect(try ids(store, CouncilFilter(query: "%")) == [])
        #expect(try ids(store, CouncilFilter(region: "Wales")) == [])
    }

    @Test(arguments: TestEngine.allCases) func pagesThroughCouncilsByKey(engine: TestEngine) throws {
        let store = try seeded(engine)
        let paged = try collectPages(limit: 4) { try store.councils.list(page: $0) }
        #expect(paged.pages == 2)
        #expect(try paged.items.map(\.id) == ids(store, CouncilFilter()))
        // A council added before the cursor does not shift the next page.
        let first = try store.councils.list(page: .first(2))
        try store.councils.upsert(council("adur", gss: "E07000223", type: .district))
        let second = try store.councils.list(page: PageRequest(limit: 2, after: first.next))
        #expect(second.items.map(\.id) == ["crawley", "knowsley"])
        #expect(throws: RepositoryError.invalidPageKey) {
            try store.councils.list(page: PageRequest(limit: 2, after: PageKey(["a", "b"])))
        }
    }

    @Test(arguments: TestEngine.allCases) func upsertsByGSSCode(engine: TestEngine) throws {
        let store = try seeded(engine)
        var knowsley = try #require(try store.councils.council("knowsley"))
        #expect(try store.councils.upsert(knowsley) == .unchanged)
        knowsley.shortName = "Knowsley MBC"
        #expect(try store.councils.upsert(knowsley) == .updated)
        #expect(try store.councils.council("E08000011")?.shortName == "Knowsley MBC")
    }

    @Test(arguments: TestEngine.allCases) func aNewSlugForAKnownGSSCodeRenamesTheCouncilAndItsRecordsFollow(
        engine: TestEngine
    ) throws {
        let store = try seeded(engine)
        try store.complaints.upsert(complaint("24000001", council: "knowsley", decided: "2024-05-01"))
        try store.populations.upsert(Population(councilID: "knowsley", year: 2020, population: 152_452, source: "x"))
        var renamed = try #require(try store.councils.council("knowsley"))
        renamed.id = "knowsley-mbc"
        #expect(try store.councils.upsert(renamed) == .updated)
        #expect(try store.councils.council("knowsley") == nil)
        #expect(try store.complaints.complaint(ref("24000001"))?.councilID == "knowsley-mbc")
        #expect(try store.populations.populations(council: "knowsley-mbc").count == 1)
    }

    @Test(arguments: TestEngine.allCases) func refusesToGiveASlugToASecondCouncil(engine: TestEngine) throws {
        let store = try seeded(engine)
        #expect(throws: RepositoryError.councilIDTaken(id: "knowsley", heldBy: "E08000011")) {
            try store.councils.upsert(council("knowsley", gss: "E08000099"))
        }
        #expect(
            throws: RepositoryError.batchRecord(
                index: 1, reason: .councilIDTaken(id: "liverpool", heldBy: "E08000012"))
        ) {
            try store.councils.upsert([council("sefton", gss: "E08000014"), council("liverpool", gss: "E08000011")])
        }
        #expect(try store.councils.council("sefton") == nil)
    }

    @Test(arguments: TestEngine.allCases) func listsAllCouncilsOfAType(engine: TestEngine) throws {
        let store = try seeded(engine)
        #expect(try store.councils.all(type: .metropolitanBorough).map(\.id) == ["knowsley", "liverpool"])
        #expect(try store.councils.all().count == 6)
    }
}
