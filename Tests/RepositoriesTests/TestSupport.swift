import Domain
import Foundation
import Repositories
import StoreTestSupport
import Testing

/// The repository's own `Migrations/`, found from this file's location.
let migrationsDirectory: String = {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" {
        let candidate = directory.appendingPathComponent("Migrations")
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("0001_initial.sql").path) {
            return candidate.path
        }
        directory = directory.deletingLastPathComponent()
    }
    return "Migrations"
}()

/// A migrated, empty database on `engine`, deleted when released.
func makeStore(_ engine: TestEngine) throws -> DataStore {
    try engine.makeStore(migrationsDirectory: migrationsDirectory)
}

/// A migrated database holding the standard demo data.
func makeDemoStore(_ engine: TestEngine) throws -> DataStore {
    let store = try makeStore(engine)
    try store.demo.load()
    return store
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

func date(_ iso: String) throws -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { throw FixtureError(description: "bad date \(iso)") }
    return date
}

func ref(_ text: String) throws -> CaseReference {
    guard let reference = CaseReference(text) else { throw FixtureError(description: "bad reference \(text)") }
    return reference
}

func fy(_ text: String) throws -> FinancialYear {
    guard let year = FinancialYear(text) else { throw FixtureError(description: "bad year \(text)") }
    return year
}

func council(
    _ id: String, gss: String, type: CouncilType = .metropolitanBorough, region: String? = "North West",
    name: String? = nil
) -> Council {
    let short = id.prefix(1).uppercased() + id.dropFirst()
    return Council(id: id, name: name ?? "\(short) Council", shortName: short, gssCode: gss, type: type, region: region)
}

func complaint(
    _ reference: String, council: String = "alpha", decided: String, received: String? = nil,
    category: String = "Housing", subcategory: String? = nil, outcome: Outcome = .assessedAndClosed,
    reason: NotForUsReason? = nil, remedy: Bool? = nil, compliance: Compliance? = nil
) throws -> Complaint {
    Complaint(
        reference: try ref(reference), councilID: council, received: try received.map(date), decided: try date(decided),
        category: category, subcategory: subcategory, outcome: outcome, notForUsReason: reason,
        remedyBeforeOmbudsman: remedy, compliance: compliance)
}

/// A store with two councils, `alpha` (metropolitan borough) and `beta` (district).
func makeStoreWithCouncils(_ engine: TestEngine) throws -> DataStore {
    let store = try makeStore(engine)
    _ = try store.councils.upsert([
        council("alpha", gss: "E08000901"),
        council("beta", gss: "E07000902", type: .district, region: "South East"),
    ])
    return store
}

/// Walks every page of a list and returns all items, failing on a loop.
func collectPages<T>(
    limit: Int, after start: PageKey? = nil, _ fetch: (PageRequest) throws -> Page<T>
) throws -> (items: [T], pages: Int) {
    var items: [T] = []
    var request = PageRequest(limit: limit, after: start)
    var pages = 0
    while true {
        let page = try fetch(request)
        items += page.items
        pages += 1
        guard let next = page.next, pages < 10_000 else { break }
        request = PageRequest(limit: limit, after: next)
    }
    return (items, pages)
}

/// A file of the workspace's shared folder (`../shared/…` from the package root), found by
/// walking up from this file, so it works from the main checkout and from worktrees alike.
func sharedFile(_ relativePath: String) throws -> String {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" {
        let candidate = directory.appendingPathComponent("shared").appendingPathComponent(relativePath)
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
        directory = directory.deletingLastPathComponent()
    }
    throw FixtureError(description: "shared/\(relativePath) not found above \(#filePath)")
}
