import CSV
import Domain
import Foundation
import Repositories
import StoreTestSupport
import Testing

@testable import RegisterImport

/// The register mapping against the real register file (read from the workspace's shared data,
/// never copied into the repository) and against small hand-made files for the bad cases.
@Suite struct CouncilRegisterTests {
    private static func makeStore(_ engine: TestEngine) throws -> DataStore {
        let migrations = URL(fileURLWithPath: try RepositoryFiles.locate("Migrations/0001_initial.sql"))
            .deletingLastPathComponent()
        return try engine.makeStore(migrationsDirectory: migrations.path)
    }

    private static let header =
        "local-authority-code,official-name,nice-name,gss-code,end-date,nation,region,local-authority-type,pop-2020,gov-uk-slug"

    private func parse(_ rows: [String]) throws -> CouncilRegister.Result {
        try CouncilRegister.parse(Array(([Self.header] + rows).joined(separator: "\n").utf8))
    }

    // MARK: The real register

    @Test func theRealRegisterGivesThe317CurrentEnglishCouncils() throws {
        let result = try CouncilRegister.parse(contentsOfFile: RepositoryFiles.registerPath())
        #expect(result.councils.count == 317)
        #expect(result.rejected == [])
        let byType = Dictionary(grouping: result.councils, by: \.type).mapValues(\.count)
        #expect(
            byType == [
                .county: 21, .district: 164, .metropolitanBorough: 36, .unitary: 63, .londonBorough: 33,
            ])
        #expect(Set(result.councils.map(\.id)).count == 317)
        // Every id is clean by the one rule the API and OpenAPI use: `st.-helens` comes out as `st-helens`.
        #expect(result.councils.filter { CouncilID(parsing: $0.id) == nil }.map(\.id) == [])
        #expect(result.councils.contains { $0.id == "st-helens" })
        #expect(result.councils.allSatisfy { GSSCode(parsing: $0.gssCode) != nil })
        #expect(Set(result.councils.map(\.gssCode)).count == 317)
        #expect(result.councils.allSatisfy { $0.gssCode.hasPrefix("E") && !$0.isDemo })

        #expect(result.populations.count == 317)
        #expect(result.populations.map(\.councilID) == result.councils.map(\.id))
        #expect(result.populations.allSatisfy { $0.year == 2020 && $0.source == "ons-mid-2020" && $0.population > 0 })

        let knowsley = try #require(result.councils.first { $0.gssCode == "E08000011" })
        #expect(
            knowsley
                == Council(
                    id: "knowsley", name: "Knowsley Metropolitan Borough Council", shortName: "Knowsley",
                    gssCode: "E08000011", type: .metropolitanBorough, region: "North West"))
        #expect(result.populations.first { $0.councilID == "knowsley" }?.population == 152_452)
        #expect(result.councils.first { $0.id == "city-of-london" }?.type == .londonBorough)

        // Councils created since the register last had slugs get one made from their short name.
        #expect(result.warnings.count == 11)
        #expect(result.councils.first { $0.gssCode == "E06000064" }?.id == "westmorland-and-furness")
    }

    @Test func theDemoCouncilsAreTheRegistersOwn() throws {
        let result = try CouncilRegister.parse(contentsOfFile: RepositoryFiles.registerPath())
        let register = Dictionary(uniqueKeysWithValues: result.councils.map { ($0.id, $0) })
        let populations = Dictionary(uniqueKeysWithValues: result.populations.map { ($0.councilID, $0) })
        let demo = DemoDataset.standard
        for council in demo.councils {
            #expect(register[council.id] == council, "\(council.id)")
        }
        for population in demo.populations {
            #expect(populations[population.councilID] == population, "\(population.councilID)")
        }
    }

    @Test(arguments: TestEngine.allCases) func importingTheRegisterTwiceChangesNothing(engine: TestEngine) throws {
        let result = try CouncilRegister.parse(contentsOfFile: RepositoryFiles.registerPath())
        let store = try Self.makeStore(engine)
        let first = try store.councils.upsert(councils: result.councils, populations: result.populations)
        #expect(UpsertSummary(first.councils) == UpsertSummary(created: 317))
        #expect(UpsertSummary(first.populations) == UpsertSummary(created: 317))
        let second = try store.councils.upsert(councils: result.councils, populations: result.populations)
        #expect(UpsertSummary(second.councils) == UpsertSummary(unchanged: 317))
        #expect(UpsertSummary(second.populations) == UpsertSummary(unchanged: 317))
        #expect(try store.councils.list(page: PageRequest(limit: 1000)).items.count == 317)
    }

    @Test(arguments: TestEngine.allCases) func importingTheRegisterOverTheDemoLeavesTheDemoCouncilsUnchanged(
        engine: TestEngine
    ) throws {
        let result = try CouncilRegister.parse(contentsOfFile: RepositoryFiles.registerPath())
        let store = try Self.makeStore(engine)
        try store.demo.load()
        let outcomes = try store.councils.upsert(councils: result.councils, populations: result.populations)
        let demoCount = DemoDataset.standard.councils.count
        #expect(UpsertSummary(outcomes.councils) == UpsertSummary(created: 317 - demoCount, unchanged: demoCount))
        #expect(UpsertSummary(outcomes.populations) == UpsertSummary(created: 317 - demoCount, unchanged: demoCount))
    }

    // MARK: Hand-made files

    @Test func skipsRowsThatAreNotCurrentEnglishCouncilsSilently() throws {
        let result = try parse([
            "KWL,Knowsley Metropolitan Borough Council,Knowsley,E08000011,,England,North West,MD,152452.0,knowsley",
            "LCR,Liverpool City Region Combined Authority,Liverpool City Region,E47000004,,England,North West,COMB,,",
            "GLA,Greater London Authority,Greater London,E61000001,,England,London,SRA,8961989.0,",
            "CRF,Cardiff Council,Cardiff,W06000015,,Wales,Wales,UA,369202.0,cardiff",
            "ALL,Allerdale Borough Council,Allerdale,E07000026,2023-03-31,England,North West,NMD,97761.0,allerdale",
            "LND,City of London Corporation,City of London,E09000001,,England,London,CC,10938.0,city-of-london",
        ])
        #expect(result.councils.map(\.id) == ["knowsley", "city-of-london"])
        #expect(result.councils.map(\.type) == [.metropolitanBorough, .londonBorough])
        #expect(result.rejected == [])
        #expect(result.ignoredRows == 4)
    }

    @Test func reportsAndSkipsBadRowsWithTheirLines() throws {
        let result = try parse([
            "AAA,Alpha Council,Alpha,E06000901,,England,North West,UA,1000.0,alpha",  // line 2, fine
            "BBB,Beta Council,Beta,E0600090,,England,North West,UA,1000.0,beta",  // 3: short code
            "CCC,Gamma Council,Gamma,W06000903,,England,North West,UA,1000.0,gamma",  // 4: not English
            "DDD,,Delta,E06000904,,England,North West,UA,1000.0,delta",  // 5: no official name
            "EEE,Eps Council,Eps,E06000905,,England,North West,UA,lots,eps",  // 6: population
            "FFF,Phi Council,Phi,E06000906,,England,North West,UA,1000.5,phi",  // 7: fractional population
            "GGG,Gee Council,,E06000907,,England,North West,UA,1000.0,",  // 8: no slug, no nice-name
            "HHH,Aitch Council,Aitch,E06000901,,England,North West,UA,1000.0,aitch",  // 9: code of line 2
            "III,Eye Council,Eye,E06000909,,England,North West,UA,1000.0,alpha",  // 10: slug of line 2
            // 11-12: slug is a GSS code
            "JJJ,\"Jay, Council\",Jay,E06000910,,England,\"North\nWest\",UA,1000.0,E06000910",
            "KKK,Kay Council,Kay,E06000911,,England,North West,UA,1000.0",  // 13: short row
            "LLL,Ell Council,Ell,e06000912,,England,,UA,-5,ell",  // 14: negative population
            "MMM,Em Council,Em District,e06000913,,England,,NMD,2000.0,",  // 15: fine, derived slug
        ])
        #expect(result.councils.map(\.id) == ["alpha", "em-district"])
        #expect(result.councils.last?.gssCode == "E06000913")
        #expect(result.councils.last?.region == nil)
        #expect(
            result.warnings == [
                CouncilRegister.Issue(
                    line: 15, message: "gov-uk-slug is empty; using 'em-district' made from nice-name")
            ])
        #expect(result.rejected.map(\.line) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14])
        let messages = Dictionary(uniqueKeysWithValues: result.rejected.map { ($0.line, $0.message) })
        #expect(messages[3]?.contains("gss-code 'E0600090'") == true)
        #expect(messages[5] == "official-name is empty")
        #expect(messages[6] == "pop-2020 'lots' is not a positive whole number")
        #expect(messages[8] == "nice-name is empty; gov-uk-slug is empty")
        #expect(messages[9] == "gss-code E06000901 is already used on line 2")
        #expect(messages[10] == "slug 'alpha' is already used on line 2")
        #expect(messages[11]?.contains("'e06000910' \(CouncilID.invalidMessage)") == true)
        #expect(messages[13] == "row has 9 fields but the header has 10")
    }

    @Test func refusesAFileWithoutTheColumnsItNeeds() throws {
        let error = #expect(throws: CSVError.self) {
            try CouncilRegister.parse(Array("official-name,gss-code\nKnowsley,E08000011\n".utf8))
        }
        #expect(error?.kind == .missingColumn)
        #expect(throws: CSVError.self) { try CouncilRegister.parse([]) }
    }

    @Test func makesSlugsFromShortNames() {
        #expect(
            CouncilRegister.RowMapper.slug(from: "Bournemouth, Christchurch and Poole")
                == "bournemouth-christchurch-and-poole")
        #expect(CouncilRegister.RowMapper.slug(from: "King’s Lynn & West Norfolk") == "kings-lynn-west-norfolk")
        #expect(CouncilRegister.RowMapper.slug(from: "  ") == "")
        #expect(CouncilRegister.RowMapper.slug(from: "Dorset Council") == "dorset")
    }
}
