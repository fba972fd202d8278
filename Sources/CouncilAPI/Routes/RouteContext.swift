import Domain
import HTTPServer
import Repositories

/// What every route group holds: the data, the clock, and the lookups they all share.
struct RouteContext: Sendable {
    let store: DataStore
    let configuration: APIConfiguration
    /// Councils by the key a path names (id or GSS code), for reads: every council route looks
    /// its council up, and on PostgreSQL a look-up is a round trip.
    let councils = RevisionMemo<String, Council?>(capacity: 2048)
    /// Idempotency replays and bulk lines, for the metrics.
    let counters = OperationCounters()

    var today: CalendarDate { configuration.clock.today }

    /// The council named by the `:council` path parameter: an id slug or a GSS code.
    func council(_ request: HTTPRequest) throws -> Council {
        let key = request.parameters["council"] ?? ""
        guard let council = try lookUp(key) else {
            throw HTTPError(
                .notFound, type: ProblemType.notFound.uri, title: "Council not found",
                detail: "no council has the id or GSS code '\(key)'; GET /v1/councils lists them")
        }
        return council
    }

    /// A council named in a query filter (`?council=`): unknown is a 400, since the URL itself exists.
    func councilFilter(_ value: String?) throws -> Council? {
        guard let value else { return nil }
        guard let council = try lookUp(value) else {
            throw HTTPError(
                .badRequest, type: ProblemType.invalidParameter.uri, title: "Invalid query parameter",
                detail: "council '\(value)' is not a known council id or GSS code",
                errors: [FieldError(field: "council", message: "is not a known council id or GSS code")])
        }
        return council
    }

    static func pageRequest(limit: Int, cursor: [String]?) -> PageRequest {
        PageRequest(limit: limit, after: cursor.map(PageKey.init))
    }

    /// The council with this id or GSS code. Within a read that has its revision
    /// (`RequestRevision`), from the memo of that revision; otherwise (writes) from the store.
    /// The council with this id or GSS code; an id the API served before ids were cleaned
    /// (`st.-helens`) finds the council under its clean id (`st-helens`), so old links keep working.
    private func lookUp(_ key: String) throws -> Council? {
        if let council = try lookUpExactly(key) { return council }
        let clean = CouncilID.cleaned(key)
        guard clean != key, !clean.isEmpty else { return nil }
        return try lookUpExactly(clean)
    }

    private func lookUpExactly(_ key: String) throws -> Council? {
        guard let revision = RequestRevision.current else { return try store.councils.council(key) }
        return try councils.value(for: key, revision: revision) { try store.councils.council(key) }
    }
}
