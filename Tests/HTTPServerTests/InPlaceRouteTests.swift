import Dispatch
import HTTPServer
import HTTPTestSupport
import Synchronization
import Testing

/// A route's in-place handler (`Router.InPlaceHandler`): it answers on the I/O thread when it can
/// without waiting, through the same middleware as the route's handler, and otherwise leaves the
/// request to a worker.
@Suite("In-place routes")
struct InPlaceRouteTests {
    /// What the routes share with the test.
    final class State: Sendable {
        let kept = Mutex<String?>(nil)
        let handled = Atomic<Int>(0)
    }

    /// `/kept/:name` answers in place while `kept` holds a value, else on a worker; one middleware
    /// marks every answer.
    static func router(_ state: State) -> Router {
        var router = Router()
        router.use { request, next in
            var response = try next(request)
            response.headers.set("X-Chain", "ran for \(request.route ?? "?")")
            return response
        }
        router.get(
            "/kept/:name",
            inPlace: { request, chain in
                guard let value = state.kept.withLock({ $0 }) else { return nil }
                let name = request.parameters["name"] ?? "?"
                return try chain { _ in TestRoutes.text("in place \(name) \(value)") }
            },
            handler: { request in
                state.handled.wrappingAdd(1, ordering: .relaxed)
                return TestRoutes.text("worker \(request.parameters["name"] ?? "?")")
            })
        router.get("/plain") { _ in TestRoutes.text("plain") }
        router.get("/healthz", nonBlocking: true) { _ in TestRoutes.text("ok") }
        return router
    }

    @Test func answersThroughTheChainOrDeclines() throws {
        let state = State()
        let router = Self.router(state)

        #expect(try router.respondInPlace(to: RouterTests.request(.get, "/kept/a")) == nil, "nothing kept: declined")
        state.kept.withLock { $0 = "v1" }
        let answer = try #require(try router.respondInPlace(to: RouterTests.request(.get, "/kept/a")))
        #expect(RouterTests.bodyText(answer) == "in place a v1")
        #expect(answer.headers["X-Chain"] == "ran for /kept/:name")
        #expect(state.handled.load(ordering: .relaxed) == 0)

        #expect(try router.respondInPlace(to: RouterTests.request(.get, "/plain")) == nil)
        #expect(try router.respondInPlace(to: RouterTests.request(.get, "/nowhere")) == nil)
        let health = try #require(try router.respondInPlace(to: RouterTests.request(.get, "/healthz")))
        #expect(RouterTests.bodyText(health) == "ok")
        #expect(health.headers["X-Chain"] == "ran for /healthz")
    }

    @Test func overASocketInPlaceAnswersNeedNoWorker() throws {
        let state = State()
        state.kept.withLock { $0 = "v1" }
        let blocked = Atomic<Int>(0)
        let release = DispatchSemaphore(value: 0)
        var router = Self.router(state)
        router.get("/hold") { _ in
            blocked.wrappingAdd(1, ordering: .relaxed)
            _ = release.wait(timeout: .now() + 30)
            return TestRoutes.text("held")
        }
        let live = try LiveServer(router: router) { $0.workerCount = 1 }
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { _ = try? live.get("/hold") }
        #expect(live.eventually { blocked.load(ordering: .relaxed) == 1 }, "the only read worker is busy")

        let response = try live.get("/kept/b", headers: [("X-Request-Id", "in-place-1")])
        #expect(response.status == 200)
        #expect(response.text == "in place b v1")
        #expect(response.header("X-Chain") == "ran for /kept/:name")
        #expect(response.header("X-Request-Id") == "in-place-1")
        let head = try live.request("HEAD", "/kept/b")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == "13")

        release.signal()
        #expect(group.wait(timeout: .now() + 30) == .success)
        state.kept.withLock { $0 = nil }
        #expect(try live.get("/kept/c").text == "worker c", "declined: the worker's handler answers")
        #expect(state.handled.load(ordering: .relaxed) == 1)
    }
}
