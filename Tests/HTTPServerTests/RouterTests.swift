import Synchronization
import Testing

@testable import HTTPServer

@Suite("Router")
struct RouterTests {
    static func request(_ method: HTTPMethod, _ target: String) -> HTTPRequest {
        let path = String(target.prefix { $0 != "?" })
        let head = RequestHead(
            method: method, target: target, version: .http11, headers: ["Host": "example.test"],
            path: path, pathSegments: segments(path),
            query: [], framing: .none, keepAlive: true, expectsContinue: false)
        return HTTPRequest(head: head, id: "test")
    }

    /// Split as the parser does: no segment before the leading `/`, a trailing slash dropped.
    static func segments(_ path: String) -> [String] {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if segments.last == "" { segments.removeLast() }
        return segments
    }

    static func text(_ value: String) -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: .bytes(Array(value.utf8)))
    }

    static func bodyText(_ response: HTTPResponse) -> String {
        if case .bytes(let bytes) = response.body { return String(decoding: bytes, as: UTF8.self) }
        return ""
    }

    static func sample() -> Router {
        var router = Router()
        router.get("/healthz") { _ in text("ok") }
        router.get("/v1/councils/:council") { request in text("council \(request.parameters["council"] ?? "?")") }
        router.get("/v1/councils/search") { _ in text("search") }
        router.get("/v1/councils/:council/statistics") { request in
            text("stats \(request.parameters["council"] ?? "?") via \(request.route ?? "?")")
        }
        router.post("/v1/complaints", bodyLimit: 10 * 1024 * 1024) { _ in HTTPResponse(status: .created) }
        router.delete("/v1/complaints/:reference") { _ in HTTPResponse(status: .noContent) }
        return router
    }

    @Test func matchesLiteralRoute() throws {
        let response = try Self.sample().respond(to: Self.request(.get, "/healthz"))
        #expect(response.status == .ok)
        #expect(Self.bodyText(response) == "ok")
    }

    @Test func capturesParametersAndSetsRoute() throws {
        let response = try Self.sample().respond(to: Self.request(.get, "/v1/councils/knowsley/statistics"))
        #expect(Self.bodyText(response) == "stats knowsley via /v1/councils/:council/statistics")
    }

    @Test func literalSegmentWinsOverParameter() throws {
        let router = Self.sample()
        #expect(Self.bodyText(try router.respond(to: Self.request(.get, "/v1/councils/search"))) == "search")
        #expect(Self.bodyText(try router.respond(to: Self.request(.get, "/v1/councils/wirral"))) == "council wirral")
    }

    @Test func parameterTakesDecodedSegmentVerbatim() throws {
        var router = Router()
        router.get("/files/:name") { request in Self.text(request.parameters["name"] ?? "") }
        var request = Self.request(.get, "/files/a%2Fb")
        request.head.pathSegments = ["files", "a/b"]
        #expect(Self.bodyText(try router.respond(to: request)) == "a/b")
    }

    @Test func parameterDoesNotMatchEmptySegment() throws {
        let response = try Self.sample().respond(to: Self.request(.get, "/v1/councils//statistics"))
        #expect(response.status == .notFound)
    }

    @Test func unknownPathIsNotFoundProblem() throws {
        let response = try Self.sample().respond(to: Self.request(.get, "/nope"))
        #expect(response.status == .notFound)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(Self.bodyText(response).contains("\"status\":404"))
    }

    @Test func otherMethodIsMethodNotAllowedWithAllow() throws {
        let response = try Self.sample().respond(to: Self.request(.put, "/v1/complaints"))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "POST, OPTIONS")
        #expect(response.headers["Content-Type"] == "application/problem+json")
    }

    @Test func headIsServedByGetHandler() throws {
        let response = try Self.sample().respond(to: Self.request(.head, "/healthz"))
        #expect(response.status == .ok)
        #expect(Self.bodyText(response) == "ok")
    }

    @Test func optionsIsAnsweredAutomatically() throws {
        let response = try Self.sample().respond(to: Self.request(.options, "/v1/councils/bury"))
        #expect(response.status == .noContent)
        #expect(response.headers["Allow"] == "GET, HEAD, OPTIONS")
    }

    @Test func explicitOptionsRouteWins() throws {
        var router = Self.sample()
        router.add(.options, "/healthz") { _ in HTTPResponse(status: .ok, headers: ["X-Custom": "yes"]) }
        let response = try router.respond(to: Self.request(.options, "/healthz"))
        #expect(response.status == .ok)
        #expect(response.headers["X-Custom"] == "yes")
    }

    @Test func theMostSpecificTemplateOwnsThePath() throws {
        var router = Router()
        router.get("/items/:id") { _ in Self.text("get") }
        router.delete("/items/:key") { _ in HTTPResponse(status: .noContent) }
        router.post("/items/new") { _ in HTTPResponse(status: .created) }
        // `/items/new` is the literal template's resource: only its methods apply there.
        let put = try router.respond(to: Self.request(.put, "/items/new"))
        #expect(put.status == .methodNotAllowed)
        #expect(put.headers["Allow"] == "POST, OPTIONS")
        #expect(try router.respond(to: Self.request(.get, "/items/new")).status == .methodNotAllowed)
        // Another path falls to the parameter templates, which share one node and their methods.
        let other = try router.respond(to: Self.request(.put, "/items/7"))
        #expect(other.headers["Allow"] == "GET, HEAD, DELETE, OPTIONS")
        #expect(Self.bodyText(try router.respond(to: Self.request(.get, "/items/7"))) == "get")
    }

    @Test func bodyLimitComesFromTheRoute() {
        let router = Self.sample()
        #expect(router.bodyLimit(for: Self.request(.post, "/v1/complaints").head) == 10 * 1024 * 1024)
        #expect(router.bodyLimit(for: Self.request(.get, "/healthz").head) == nil)
        #expect(router.bodyLimit(for: Self.request(.post, "/nope").head) == nil)
    }

    @Test func listsRegisteredRoutesInOrder() {
        var router = Self.sample()
        router.get("/healthz") { _ in Self.text("again") }
        #expect(
            router.routes.map(\.description) == [
                "GET /healthz", "GET /v1/councils/:council", "GET /v1/councils/search",
                "GET /v1/councils/:council/statistics", "POST /v1/complaints", "DELETE /v1/complaints/:reference",
            ])
    }

    @Test func reRegisteringReplacesTheHandler() throws {
        var router = Router()
        router.get("/x") { _ in Self.text("first") }
        router.get("/x") { _ in Self.text("second") }
        #expect(Self.bodyText(try router.respond(to: Self.request(.get, "/x"))) == "second")
    }

    @Test func middlewareSeesRouteAndWrapsInOrder() throws {
        var router = Self.sample()
        router.use { request, next in
            var response = try next(request)
            response.headers.add("X-Trace", "outer:\(request.route ?? "none")")
            return response
        }
        router.use { request, next in
            var response = try next(request)
            response.headers.add("X-Trace", "inner")
            return response
        }
        let response = try router.respond(to: Self.request(.get, "/v1/councils/bury/statistics"))
        #expect(response.headers.values(for: "X-Trace") == ["inner", "outer:/v1/councils/:council/statistics"])
    }

    @Test func middlewareWrapsRouterAnswers() throws {
        var router = Self.sample()
        router.use { request, next in
            var response = try next(request)
            response.headers.set("Access-Control-Allow-Origin", "*")
            return response
        }
        for (method, path, status) in [
            (HTTPMethod.get, "/missing", HTTPStatus.notFound), (.put, "/healthz", .methodNotAllowed),
            (.options, "/healthz", .noContent),
        ] {
            let response = try router.respond(to: Self.request(method, path))
            #expect(response.status == status)
            #expect(response.headers["Access-Control-Allow-Origin"] == "*")
        }
    }

    @Test func middlewareCanAnswerOptionsItself() throws {
        var router = Self.sample()
        router.use { request, next in
            if request.method == .options { return HTTPResponse(status: .ok, headers: ["X-Preflight": "1"]) }
            return try next(request)
        }
        let response = try router.respond(to: Self.request(.options, "/healthz"))
        #expect(response.status == .ok)
        #expect(response.headers["X-Preflight"] == "1")
    }

    @Test func handlerHTTPErrorBecomesProblemInsideTheChain() throws {
        var router = Router()
        router.get("/fail") { _ in
            throw HTTPError(
                .unprocessableContent, detail: "Bad input.", errors: [FieldError(field: "year", message: "too old")],
                headers: ["X-Reason": "validation"])
        }
        router.use { request, next in
            let response = try next(request)
            #expect(response.status == .unprocessableContent)
            return response
        }
        let response = try router.respond(to: Self.request(.get, "/fail"))
        #expect(response.status == .unprocessableContent)
        #expect(response.headers["X-Reason"] == "validation")
        let body = Self.bodyText(response)
        #expect(body.contains("\"errors\":[{\"field\":\"year\",\"message\":\"too old\"}]"))
    }

    @Test func otherErrorsPropagate() {
        struct Boom: Error {}
        var router = Router()
        router.get("/boom") { _ in throw Boom() }
        #expect(throws: Boom.self) { try router.respond(to: Self.request(.get, "/boom")) }
    }

    @Test func rootTemplateMatchesSlash() throws {
        var router = Router()
        router.get("/") { _ in Self.text("root") }
        #expect(Self.bodyText(try router.respond(to: Self.request(.get, "/"))) == "root")
    }

    @Test func asteriskOptionsListsAllMethods() throws {
        let response = try Self.sample().respond(to: Self.request(.options, "*"))
        #expect(response.status == .noContent)
        #expect(response.headers["Allow"] == "GET, HEAD, POST, DELETE, OPTIONS")
    }
}

@Suite("Router marks matched routes")
struct RouterMatchFlagTests {
    /// Records what middleware saw of each request.
    struct Spy: HTTPMiddleware {
        let seen: @Sendable (Bool, String?) -> Void
        func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse {
            seen(request.isRouteMatched, request.route)
            return try next(request)
        }
    }

    @Test func onlyARegisteredHandlerCountsAsMatched() throws {
        let log = Mutex<[(Bool, String?)]>([])
        var router = RouterTests.sample()
        router.use(Spy { matched, route in log.withLock { $0.append((matched, route)) } })
        _ = try router.respond(to: RouterTests.request(.get, "/v1/councils/knowsley"))
        _ = try router.respond(to: RouterTests.request(.delete, "/v1/councils/knowsley"))
        _ = try router.respond(to: RouterTests.request(.options, "/v1/councils/knowsley"))
        _ = try router.respond(to: RouterTests.request(.get, "/nowhere"))
        let seen = log.withLock { $0 }
        #expect(seen.map(\.0) == [true, false, false, false])
        #expect(seen.map(\.1) == ["/v1/councils/:council", "/v1/councils/:council", "/v1/councils/:council", nil])
    }
}
