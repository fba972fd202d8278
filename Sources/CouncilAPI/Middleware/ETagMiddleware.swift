import Digests
import HTTPServer

/// Conditional GETs for every read (RFC 9110 section 13).
///
/// A single record (`recordRoutes`) carries a strong tag of its own content (`EntityTag`), set by
/// its handler: it is what `If-Match` on PUT and DELETE compares, so it must not change when some
/// other record is written. Here such an answer only gets its `If-None-Match` check (after the
/// handler) and `Cache-Control`.
///
/// Everything else (lists, statistics) is tagged here. The tag is derived from the store revision and the request itself (path, query and the
/// representation asked for), not from the body: every write bumps the revision, so while the
/// revision stands the answer to the same request cannot have changed. That lets a matching
/// `If-None-Match` be answered 304 before the handler runs at all. Only the data (`/v1/…`), the
/// API description and the problem types' pages are tagged: health and metrics change without any
/// write.
struct ETagMiddleware: HTTPMiddleware {
    /// The store's revision now; on PostgreSQL a query, since another instance may have written.
    let revision: @Sendable () throws -> Int64

    /// The route templates of single records, whose GET answers with a tag of the record's own
    /// content (`HTTPResponse.record`); every PUT and DELETE route is one of them.
    static let recordRoutes: Set<String> = [
        "/v1/councils/:council", "/v1/complaints/:reference", "/v1/reports/:id",
    ]

    func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        guard request.method == .get || request.method == .head, let route = request.route,
            request.path.hasPrefix("/v1/") || request.path == "/openapi.json" || request.path.hasPrefix("/problems/")
        else {
            return try next(request)
        }
        if Self.recordRoutes.contains(route) {
            return try answerRecord(request, next: next)
        }
        // A request answered in place comes with its revision (known without I/O) and its tag
        // (kept with the answer) bound already (`ResponseCache`).
        if RequestRevision.current != nil, let tag = RequestRevision.tag {
            return try answer(request, tag: tag, next: next)
        }
        let revision = try RequestRevision.current ?? revision()
        let tag = Self.tag(revision: revision, request: request)
        return try RequestRevision.$current.withValue(revision) {
            try RequestRevision.$tag.withValue(tag) { try answer(request, tag: tag, next: next) }
        }
    }

    private func answer(
        _ request: HTTPRequest, tag: String, next: (HTTPRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        let condition = request.headers["If-None-Match"]
        // A tag is only ever issued with a 2xx answer, so a matching one proves the request still
        // succeeds and the handler can be skipped. `*` proves nothing: RFC 9110 section 13.2.1 has
        // preconditions ignored when the answer would not be 2xx, so a bad request stays a 400.
        if let condition, Self.matches(condition, tag, wildcard: false) {
            return Self.notModified(tag)
        }
        var response = try next(request)
        guard (200..<300).contains(response.status.code) else { return response }
        if let condition, Self.matches(condition, tag) {
            return Self.notModified(tag)
        }
        response.headers.set("ETag", tag)
        response.headers.set("Cache-Control", "no-cache")
        // The tag (and, for lists and statistics, the representation) depends on Accept.
        response.headers.add("Vary", "Accept")
        return response
    }

    /// A record's answer, tagged by its handler: 304 when `If-None-Match` (weak comparison, or `*`)
    /// matches that tag. The record has one representation, so its tag does not vary by Accept;
    /// the answer still says `Vary: Accept`, as every tagged answer does, so no cache serves it to
    /// a request that asked for another representation.
    private func answerRecord(
        _ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        var response = try next(request)
        guard (200..<300).contains(response.status.code), let tag = response.headers["ETag"] else { return response }
        if let condition = request.headers["If-None-Match"], Self.matches(condition, tag) {
            return Self.notModified(tag)
        }
        response.headers.set("Cache-Control", "no-cache")
        response.headers.add("Vary", "Accept")
        return response
    }

    private static func notModified(_ tag: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("ETag", tag)
        headers.set("Cache-Control", "no-cache")
        headers.add("Vary", "Accept")
        return HTTPResponse(status: .notModified, headers: headers)
    }

    static func tag(revision: Int64, request: HTTPRequest) -> String {
        var hasher = SHA256()
        hasher.update(request.head.target.utf8)
        hasher.update(CollectionOfOne(0))
        hasher.update((request.headers["Accept"] ?? "").utf8)
        // The first 16 hex digits: those of the digest's first 8 bytes.
        let digest = Hex.encode(hasher.finalize().prefix(8))
        return "\"\(revision)-\(digest)\""
    }

    /// `If-None-Match` is `*` or a list of tags; weak comparison, as RFC 9110 asks for this header.
    /// With `wildcard` false only a listed tag counts.
    static func matches(_ header: String, _ tag: String, wildcard: Bool = true) -> Bool {
        let candidates = header.split(separator: ",").map {
            var value = $0.trimmingCharacters(in: " \t")
            if value.hasPrefix("W/") { value = String(value.dropFirst(2)) }
            return value
        }
        return (wildcard && candidates.contains("*")) || candidates.contains(tag)
    }
}
