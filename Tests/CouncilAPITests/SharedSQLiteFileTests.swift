import CouncilAPI
import Domain
import Foundation
import HTTPTestSupport
import Repositories
import Testing

/// A SQLite file written by another process while the server runs (an import with
/// `council-api import councils --database FILE`): the server must notice at the next request,
/// not keep answering from before.
@Suite struct SharedSQLiteFileTests {
    @Test func aWriteByAnotherProcessOnTheFileIsSeenAtTheNextRequest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shared-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let migrations = try DataStore.locateMigrations(explicit: nil)
        let served = try DataStore.open(.sqliteFile(path: path))
        try served.migrate(migrationsDirectory: migrations)
        try served.demo.load()
        let api = try LiveAPI(store: served)
        let target = "/v1/councils/knowsley"
        let before = try api.get(target)
        let tag = try #require(before.header("ETag"))

        // Another process: its own connections to the same file.
        let importer = try DataStore.open(.sqliteFile(path: path))
        var knowsley = try #require(try importer.councils.council("knowsley"))
        knowsley.name = "Knowsley Council (renamed by an import)"
        try importer.councils.upsert(knowsley)

        #expect(try served.revision() == importer.revision())
        let revalidated = try api.get(target, headers: [("If-None-Match", tag)])
        #expect(revalidated.status == 200, "an ETag from before the other process's write must not get 304")
        #expect(try api.object(revalidated)["name"] as? String == "Knowsley Council (renamed by an import)")
    }
}
