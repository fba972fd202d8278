import HTTPServer
import JSON

/// The `If-Match` and `If-None-Match` of a PUT or DELETE (RFC 9110 section 13.1), checked
/// against the record as it is inside the write's own transaction.
///
/// Why inside the transaction: with many instances on one database, a check made before the
/// write (a separate read) could pass on two instances at once, and both would write, the second
/// silently undoing the first. The transaction holds the store's single writer (SQLite's lock,
/// PostgreSQL's `store_revision` row lock), so the record read there is the one being replaced,
/// and a failed check throws, which rolls back everything: nothing is written.
struct WritePreconditions {
    let ifMatch: EntityTag.Condition?
    let ifNoneMatch: EntityTag.Condition?

    init(_ headers: HTTPHeaders) {
        ifMatch = EntityTag.condition("If-Match", in: headers)
        ifNoneMatch = EntityTag.condition("If-None-Match", in: headers)
    }

    var isConditional: Bool { ifMatch != nil || ifNoneMatch != nil }

    /// Throws the 412 unless the conditions hold for `current()` (nil: no record), shown as `shape`
    /// shows it. Reads nothing when the request has no condition.
    func check<Record>(_ shape: (Record) -> JSONValue, current: () throws -> Record?) throws {
        guard isConditional else { return }
        try check(tag: try current().map { EntityTag.of(shape($0)) })
    }

    /// Throws the 412 unless the conditions hold for the record whose tag is `current`.
    func check(tag current: String?) throws {
        if let ifMatch, !ifMatch.matchesStrongly(current) {
            throw Self.failed(
                current,
                detail: current.map {
                    "the record has changed since the tag in If-Match was issued: its ETag is now \($0); GET it, "
                        + "re-apply your change and send that ETag in If-Match"
                } ?? "there is no record here for If-Match to match; to create it, send If-None-Match: * instead")
        }
        // Evaluated only when If-Match is absent or held (RFC 9110 section 13.2.2, steps 1 and 3).
        if let ifNoneMatch, let current, ifNoneMatch.matchesWeakly(current) {
            throw Self.failed(
                current,
                detail: ifNoneMatch == .any
                    ? "a record already exists here (ETag \(current)) and If-None-Match: * only creates; to replace "
                        + "it, send its ETag in If-Match"
                    : "the record still has an ETag listed in If-None-Match (\(current))")
        }
    }

    /// 412, naming the record's tag now (in `current_etag` and the `ETag` header) when there is one.
    static func failed(_ current: String?, detail: String) -> HTTPError {
        var headers = HTTPHeaders()
        var extensions = JSONObject()
        if let current {
            headers.set("ETag", current)
            extensions["current_etag"] = .string(current)
        }
        return HTTPError(
            .preconditionFailed, type: ProblemType.preconditionFailed.uri, title: ProblemType.preconditionFailed.title,
            detail: detail, headers: headers, extensions: extensions)
    }
}
