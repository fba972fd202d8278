import HTTPServer
import JSON
import Repositories

/// Liveness, readiness, metrics and the API's own description: what operators and tools ask.
struct MetaRoutes {
    let readiness: Readiness
    let store: DataStore
    let metrics: MetricsRegistry
    let openAPI: [UInt8]

    func register(in router: inout Router) {
        // Liveness never waits on anything, so it is answered on the I/O thread.
        router.get("/healthz", nonBlocking: true) { _ in .json(["status": "ok"]) }
        router.get("/readyz") { _ in
            guard !readiness.isReady || readiness.acceptsTraffic else {
                throw HTTPError(
                    .serviceUnavailable, type: ProblemType.notReady.uri, title: "Shutting down",
                    detail: "the server is shutting down: it finishes the requests in flight and takes no new ones",
                    headers: ["Retry-After": "1"])
            }
            guard readiness.isReady else {
                throw HTTPError(
                    .serviceUnavailable, type: ProblemType.notReady.uri, title: "Not ready",
                    detail:
                        "the service is starting: the database cannot be reached yet or its migrations are not applied",
                    headers: ["Retry-After": "1"])
            }
            // Ready means able to answer: on a shared database server, reachable now. (SQLite's
            // revision is in memory, so this costs nothing there.)
            _ = try store.revision()
            return .json(["status": "ready"])
        }
        router.get("/metrics") { _ in
            var headers = HTTPHeaders()
            headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            return HTTPResponse(status: .ok, headers: headers, body: .bytes(Array(metrics.render().utf8)))
        }
        let document = openAPI
        router.get("/openapi.json") { _ in
            var headers = HTTPHeaders()
            headers.set("Content-Type", "application/json")
            return HTTPResponse(status: .ok, headers: headers, body: .bytes(document))
        }
    }
}
