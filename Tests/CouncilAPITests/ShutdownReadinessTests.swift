import CouncilAPI
import HTTPServer
import HTTPTestSupport
import Repositories
import Synchronization
import Testing

/// From the moment a graceful shutdown begins, `/readyz` says 503, so a load balancer stops
/// sending new requests; the API itself still answers what reaches it while the server drains.
@Suite struct ShutdownReadinessTests {
    @Test func readyzIs503OnceStoppingWhileTheAPIStillAnswers() throws {
        let store = try DataStore.temporary(migrationsDirectory: try DataStore.locateMigrations(explicit: nil))
        try store.demo.load()
        let readiness = Readiness(ready: true)
        let application = CouncilAPIApplication(store: store, configuration: APIConfiguration(), readiness: readiness)
        let live = try LiveServer(responder: application.router)
        #expect(try live.get("/readyz").status == 200)

        readiness.markStopping()
        let readyz = try live.get("/readyz")
        #expect(readyz.status == 503)
        #expect(readyz.header("Retry-After") == "1")
        #expect(readyz.text.contains("shutting down"))
        #expect(try live.get("/v1/councils/knowsley").status == 200, "requests that arrive are still answered")
    }

    @Test func shutdownObserversRunWhenAGracefulShutdownBegins() throws {
        let calls = Atomic<Int>(0)
        var router = Router()
        router.get("/hello") { _ in HTTPResponse(status: .ok) }
        let live = try LiveServer(responder: router)
        live.server.whenShutdownBegins { calls.wrappingAdd(1, ordering: .relaxed) }
        #expect(calls.load(ordering: .relaxed) == 0)
        live.server.beginShutdown()
        live.server.beginShutdown()
        #expect(calls.load(ordering: .relaxed) == 1, "once, however often shutdown is asked for")
    }
}
