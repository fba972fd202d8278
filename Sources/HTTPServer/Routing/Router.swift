/// Dispatches requests to handlers by method and path template, behind a middleware chain.
///
/// A value built once at startup and then shared read-only by every worker thread, so lookups
/// take no lock. Route resolution happens before the middleware chain runs, so middleware can
/// label metrics or logs with `request.route`; and the router's own answers (404, 405, automatic
/// OPTIONS) pass through the chain like any handler's, so CORS or metrics middleware see them too.
public struct Router: HTTPResponder {
    public typealias Handler = @Sendable (HTTPRequest) throws -> HTTPResponse
    /// Throws the `HTTPError` for a head the route refuses whatever its body (see `refusal(for:)`).
    public typealias HeadCheck = @Sendable (RequestHead) throws -> Void
    /// A route's answer on the I/O thread, for requests it can answer without waiting (a value
    /// kept in memory) while its handler must wait for others (a query). Given the request, with
    /// its route resolved, and `chain`, which runs the whole middleware chain around a handler,
    /// it either calls `chain` with a handler that never waits and returns its answer, or returns
    /// nil at once (before calling `chain`): the request then goes to a worker and the route's
    /// handler, as any other. What it decides from, and the handler it passes, must never wait.
    public typealias InPlaceHandler =
        @Sendable (_ request: HTTPRequest, _ chain: (Handler) throws -> HTTPResponse) throws -> HTTPResponse?

    private var table = RouteTable()
    private var middleware: [any HTTPMiddleware] = []
    private var registered: [RouteDescription] = []

    public init() {}

    /// Every `(method, template)` registered, in registration order; HEAD and OPTIONS answered
    /// automatically are not listed.
    public var routes: [RouteDescription] { registered }

    /// Registers `handler` for `method` on `template` (segments starting with `:` capture a value
    /// into `request.parameters`). `bodyLimit` overrides the server's default for this route;
    /// `headCheck` refuses a head before its body is read (a media type the handler cannot read).
    /// `nonBlocking` says the handler, and every middleware on its way, never waits (no I/O, no
    /// lock held for long): see `HTTPResponder.respondInPlace(to:)`.
    /// `inPlace` answers, on the I/O thread, the requests of a safe method it can answer without
    /// waiting (see `InPlaceHandler`); the others go to `handler` on a worker.
    /// Registering the same method and template again replaces the earlier handler.
    public mutating func add(
        _ method: HTTPMethod, _ template: String, bodyLimit: Int? = nil, headCheck: HeadCheck? = nil,
        nonBlocking: Bool = false, inPlace: InPlaceHandler? = nil, handler: @escaping Handler
    ) {
        let parsed = RouteTemplate(template)
        table.insert(
            RouteTable.Route(
                method: method, template: parsed, bodyLimit: bodyLimit, headCheck: headCheck,
                nonBlocking: nonBlocking, inPlace: inPlace, handler: handler))
        let description = RouteDescription(method: method, template: parsed.text)
        if !registered.contains(description) {
            registered.append(description)
        }
    }

    public mutating func get(
        _ template: String, bodyLimit: Int? = nil, nonBlocking: Bool = false, inPlace: InPlaceHandler? = nil,
        handler: @escaping Handler
    ) {
        add(.get, template, bodyLimit: bodyLimit, nonBlocking: nonBlocking, inPlace: inPlace, handler: handler)
    }

    public mutating func post(
        _ template: String, bodyLimit: Int? = nil, headCheck: HeadCheck? = nil, handler: @escaping Handler
    ) {
        add(.post, template, bodyLimit: bodyLimit, headCheck: headCheck, handler: handler)
    }

    public mutating func put(
        _ template: String, bodyLimit: Int? = nil, headCheck: HeadCheck? = nil, handler: @escaping Handler
    ) {
        add(.put, template, bodyLimit: bodyLimit, headCheck: headCheck, handler: handler)
    }

    public mutating func patch(
        _ template: String, bodyLimit: Int? = nil, headCheck: HeadCheck? = nil, handler: @escaping Handler
    ) {
        add(.patch, template, bodyLimit: bodyLimit, headCheck: headCheck, handler: handler)
    }

    public mutating func delete(
        _ template: String, bodyLimit: Int? = nil, headCheck: HeadCheck? = nil, handler: @escaping Handler
    ) {
        add(.delete, template, bodyLimit: bodyLimit, headCheck: headCheck, handler: handler)
    }

    /// Adds a middleware; the first added is the outermost, so it sees the request first and the
    /// response last.
    public mutating func use(_ middleware: any HTTPMiddleware) {
        self.middleware.append(middleware)
    }

    /// Adds a middleware written as a closure.
    public mutating func use(
        _ body: @escaping @Sendable (HTTPRequest, (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse
    ) {
        middleware.append(ClosureMiddleware(body))
    }

    // MARK: HTTPResponder

    public func respond(to request: HTTPRequest) throws -> HTTPResponse {
        var request = request
        let terminal: Handler
        switch resolve(request.head) {
        case .matched(let route):
            request = Self.routed(request, to: route)
            if let refusal = request.headRefusal {
                terminal = { _ in throw refusal }
            } else {
                terminal = route.handler
            }
        case .notFound:
            let error = Self.notFound(request.head)
            terminal = { _ in throw error }
        case .methodNotAllowed(let allowed, let template):
            request.route = template
            let error = Self.methodNotAllowed(request.head, allowed: allowed)
            terminal = { _ in throw error }
        case .options(let allowed, let template):
            request.route = template
            terminal = { _ in HTTPResponse(status: .noContent, headers: ["Allow": allowed]) }
        }
        return try run(request, from: middleware[...], terminal: terminal)
    }

    /// A route registered `nonBlocking` answers here whole; one with an `inPlace` handler answers
    /// here when that handler can; every other request is left to `respond(to:)` on a worker.
    public func respondInPlace(to request: HTTPRequest) throws -> HTTPResponse? {
        guard case .matched(let route) = resolve(request.head), request.headRefusal == nil else { return nil }
        let routed = Self.routed(request, to: route)
        if route.nonBlocking {
            return try run(routed, from: middleware[...], terminal: route.handler)
        }
        guard let inPlace = route.inPlace else { return nil }
        return try inPlace(routed) { handler in try run(routed, from: middleware[...], terminal: handler) }
    }

    /// The request as the chain sees it once `route` matched it.
    private static func routed(_ request: HTTPRequest, to route: RouteTable.Route) -> HTTPRequest {
        var request = request
        request.route = route.template.text
        request.isRouteMatched = true
        request.parameters = route.template.parameters(in: request.head.pathSegments)
        return request
    }

    /// 404 and 405 as the router answers them, then what the middleware and the route's own
    /// `headCheck` refuse from the head alone.
    public func refusal(for head: RequestHead) -> HTTPError? {
        switch resolve(head) {
        case .notFound:
            return Self.notFound(head)
        case .methodNotAllowed(let allowed, _):
            return Self.methodNotAllowed(head, allowed: allowed)
        case .options:
            return nil
        case .matched(let route):
            do {
                for step in middleware { try step.check(head: head) }
                try route.headCheck?(head)
                return nil
            } catch let error as HTTPError {
                return error
            } catch {
                return .internalFailure
            }
        }
    }

    public func headersForUnreadRequest(_ headers: HTTPHeaders) -> HTTPHeaders {
        var all = HTTPHeaders()
        for step in middleware {
            for (name, value) in step.headersForUnreadRequest(headers) { all.add(name, value) }
        }
        return all
    }

    private static func notFound(_ head: RequestHead) -> HTTPError {
        HTTPError(.notFound, detail: "There is no resource at \(head.path).")
    }

    private static func methodNotAllowed(_ head: RequestHead, allowed: String) -> HTTPError {
        HTTPError(
            .methodNotAllowed, detail: "The method \(head.method) is not allowed here; see the Allow header.",
            headers: ["Allow": allowed])
    }

    public func bodyLimit(for head: RequestHead) -> Int? {
        if case .matched(let route) = resolve(head) {
            return route.bodyLimit
        }
        return nil
    }

    // MARK: Resolution

    private enum Resolution {
        case matched(RouteTable.Route)
        case notFound
        case methodNotAllowed(allow: String, template: String)
        case options(allow: String, template: String?)
    }

    private func resolve(_ head: RequestHead) -> Resolution {
        if head.method == .options && head.target == "*" {
            return .options(allow: Self.allowHeader(Set(registered.map(\.method))), template: nil)
        }
        // A path names one resource: the most specific template that matches it (literal segments
        // before parameters, as OpenAPI matches concrete paths first). Methods registered on less
        // specific templates do not apply, so `PUT /v1/complaints/bulk` is a 405, not a lookup
        // of the case reference "bulk".
        guard let routes = table.candidates(for: head.pathSegments).first, let bestRoute = routes.first else {
            return .notFound
        }
        if let route = routes.first(where: { $0.method == head.method }) {
            return .matched(route)
        }
        if head.method == .head, let route = routes.first(where: { $0.method == .get }) {
            return .matched(route)
        }
        let allow = Self.allowHeader(Set(routes.map(\.method)))
        if head.method == .options {
            return .options(allow: allow, template: bestRoute.template.text)
        }
        return .methodNotAllowed(allow: allow, template: bestRoute.template.text)
    }

    private static let methodOrder: [HTTPMethod] = [.get, .head, .post, .put, .patch, .delete, .options]

    /// GET implies HEAD and every path answers OPTIONS, so both are always listed with it.
    private static func allowHeader(_ methods: Set<HTTPMethod>) -> String {
        var all = methods
        if all.contains(.get) { all.insert(.head) }
        all.insert(.options)
        let standard = methodOrder.filter(all.contains).map(\.rawValue)
        let others = all.subtracting(methodOrder).map(\.rawValue).sorted()
        return (standard + others).joined(separator: ", ")
    }

    // MARK: Middleware

    /// Runs the chain; an `HTTPError` thrown at any step becomes its problem response there, so
    /// every middleware sees failures as responses it can decorate (CORS headers, metrics).
    private func run(
        _ request: HTTPRequest, from chain: ArraySlice<any HTTPMiddleware>, terminal: Handler
    ) throws -> HTTPResponse {
        do {
            guard let first = chain.first else { return try terminal(request) }
            return try first.handle(request) { next in
                try run(next, from: chain.dropFirst(), terminal: terminal)
            }
        } catch let error as HTTPError {
            return .problem(error, instance: request.id)
        }
    }
}

/// One registered route, as `Router.routes` lists it (for example to compare with an OpenAPI document).
public struct RouteDescription: Hashable, Sendable, CustomStringConvertible {
    public let method: HTTPMethod
    public let template: String

    public init(method: HTTPMethod, template: String) {
        self.method = method
        self.template = template
    }

    public var description: String { "\(method) \(template)" }
}

/// A middleware given as a closure, for small steps that do not deserve a type.
public struct ClosureMiddleware: HTTPMiddleware {
    private let body: @Sendable (HTTPRequest, (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse

    public init(
        _ body: @escaping @Sendable (HTTPRequest, (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse
    ) {
        self.body = body
    }

    public func handle(
        _ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        try body(request, next)
    }
}
