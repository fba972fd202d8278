import Digests
import HTTPServer

/// Conditional GETs for every read (RFC 9110 section 13).
///
/// A single record's GET answers with a strong tag of its own content (`EntityTag`), set by its
/// handler (`HTTPResponse.record`): it is what `If-Match` on PUT and DELETE compares, so it must
/// not change when some other record is written. Such an answer keeps its handler's tag and only
/// gets its `If-None-Match` check and `Cache-Control` here. Deciding by the answer rather than by
/// a list of routes means a new record route cannot be forgotten.
///
/// Everything else (lists, statistics) is tagged here. The tag is derived from the store revision
/// and the request itself (path, query and the representation asked for), not from the body:
/// every write bumps the revision, so while the revision stands the answer to the same request
/// cannot have changed. That lets a matching `If-None-Match` be answered 304 before the handler
/// runs at all. Only the data (`/v1/…`), the API description and the problem types' pages are
/// tagged: health and metrics change without any write.
struct ETagMiddleware: HTTPMiddleware {
    /// The store's revision now; on PostgreSQL a query, since another instance may have written.
    let revision: @Sendable () throws -> Int64

    func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        guard request.method == .get || request.method == .head, request.route != nil,
            request.path.hasPrefix("/v1/") || request.path == "/openapi.json" || request.path.hasPrefix("/problems/")
        else {
            return try next(request)
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
        // (A record's content tag never takes this shape, so it is never matched here.)
        if let condition, Self.matches(condition, tag, wildcard: false) {
            return Self.notModified(tag)
        }
        var response = try next(request)
        guard (200..<300).contains(response.status.code) else { return response }
        // A single record's answer comes tagged by its handler with its content's digest.
        let answered = response.headers["ETag"] ?? tag
        if let condition, Self.matches(condition, answered) {
            return Self.notModified(answered)
        }
        response.headers.set("ETag", answered)
        response.headers.set("Cache-Control", "no-cache")
        // The tag (and, for lists and statistics, the representation) depends on Accept. A
        // record's tag does not (it has one representation), but the answer still says so, as
        // every tagged answer does, so no cache serves it to a request that asked for another.
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
