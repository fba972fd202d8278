import CouncilAPI
import Domain
import Foundation
import HTTPServer
import HTTPTestSupport
import Repositories
import StoreTestSupport

/// The whole API on a real server on port 0, over a fresh database with the demo data: what
/// `council-api serve --demo` runs, minus the process. Each test gets its own, on the engine it
/// is given (a temporary SQLite file, or a schema of its own on the PostgreSQL test server).
final class LiveAPI: Sendable {
    let store: DataStore
    let live: LiveServer

    convenience init(
        engine: TestEngine = .sqlite,
        configuration: APIConfiguration = APIConfiguration(clock: .fixed(DemoDataset.asOf)),
        loadDemo: Bool = true, configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        let store = try engine.makeStore(migrationsDirectory: try DataStore.locateMigrations(explicit: nil))
        if loadDemo { try store.demo.load() }
        try self.init(store: store, configuration: configuration, configure: configure)
    }

    /// The API on `store` as it is: another instance of the API over a database shared with one
    /// already running.
    init(
        store: DataStore, configuration: APIConfiguration = APIConfiguration(clock: .fixed(DemoDataset.asOf)),
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        self.store = store
        let application = CouncilAPIApplication(store: store, configuration: configuration)
        live = try LiveServer(responder: application.router, configure: configure)
    }

    func get(_ target: String, headers: [(String, String)] = []) throws -> RawResponse {
        try live.get(target, headers: headers)
    }

    func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: String = "") throws
        -> RawResponse
    {
        try live.request(method, target, headers: headers, body: Array(body.utf8))
    }

    /// The JSON body as a dictionary, for field-by-field assertions.
    func object(_ response: RawResponse) throws -> [String: Any] {
        guard let object = try LiveServer.json(response) as? [String: Any] else {
            throw RawClientError(description: "body is not a JSON object: \(response.text)")
        }
        return object
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A nested member by path, such as `"upheld.rate"`.
    subscript(path path: String) -> Any? {
        var current: Any? = self
        for key in path.split(separator: ".") {
            current = (current as? [String: Any])?[String(key)]
        }
        return current
    }
}
