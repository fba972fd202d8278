import HTTPServer

/// With `--require-if-match` (`REQUIRE_IF_MATCH=1`), a PUT or DELETE must say which version of
/// the record it replaces: without `If-Match` it is refused with 428 (RFC 6585 section 3).
///
/// For sites where many writers correct the same records: an unconditional PUT is a blind
/// overwrite that can silently undo another writer's correction. A PUT that creates may carry
/// `If-None-Match: *` instead, which is just as safe (it fails if anyone created the record
/// first). Decided from the head alone, so the body is never read; and the answer does not name
/// the record's current tag, which would let a blind writer pass the check without having read
/// the record.
struct IfMatchRequirementMiddleware: HTTPMiddleware {
    let isRequired: Bool

    func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        // Only writes that reach a handler: the router's 404 and 405 say more than a 428 would.
        if request.isRouteMatched { try check(head: request.head) }
        return try next(request)
    }

    func check(head: RequestHead) throws {
        guard isRequired, head.method == .put || head.method == .delete else { return }
        if EntityTag.condition("If-Match", in: head.headers) != nil { return }
        if head.method == .put, EntityTag.condition("If-None-Match", in: head.headers) == .any { return }
        throw HTTPError(
            .preconditionRequired, type: ProblemType.preconditionRequired.uri,
            title: ProblemType.preconditionRequired.title,
            detail: head.method == .put
                ? "this server requires If-Match on PUT: GET the record and send its ETag in If-Match, or send "
                    + "If-None-Match: * to create a record that does not exist yet"
                : "this server requires If-Match on DELETE: GET the record and send its ETag in If-Match")
    }
}
