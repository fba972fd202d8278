import Digests
import HTTPServer

/// Conditional GETs for every read (RFC 9110 section 13).
///
/// The tag is derived from the store revision and the request itself (path, query and the
/// representation asked for), not from the body: every write bumps the revision, so while the
/// revision stands the answer to the same request cannot have changed. That lets a matching
/// `If-None-Match` be answered 304 before the handler runs at all. Only the data (`/v1/…`) and the
/// API description are tagged: health and metrics change without any write.
struct ETagMiddleware: HTTPMiddleware {
    let revision: @Sendable () -> Int64

    func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        guard request.method == .get || request.method == .head, request.route != nil,
            request.path.hasPrefix("/v1/") || request.path == "/openapi.json"
        else {
            return try next(request)
        }
        let tag = Self.tag(revision: revision(), request: request)
        if let condition = request.headers["If-None-Match"], Self.matches(condition, tag) {
            var headers = HTTPHeaders()
            headers.set("ETag", tag)
            headers.set("Cache-Control", "no-cache")
            return HTTPResponse(status: .notModified, headers: headers)
        }
        var response = try next(request)
        if (200..<300).contains(response.status.code) {
            response.headers.set("ETag", tag)
            response.headers.set("Cache-Control", "no-cache")
        }
        return response
    }

    static func tag(revision: Int64, request: HTTPRequest) -> String {
        var hasher = SHA256()
        hasher.update(Array(request.head.target.utf8))
        hasher.update([0])
        hasher.update(Array((request.headers["Accept"] ?? "").utf8))
        let digest = Hex.encode(hasher.finalize()).prefix(16)
        return "\"\(revision)-\(digest)\""
    }

    /// `If-None-Match` is `*` or a list of tags; weak comparison, as RFC 9110 asks for this header.
    static func matches(_ header: String, _ tag: String) -> Bool {
        let candidates = header.split(separator: ",").map {
            var value = $0.trimmingCharacters(in: " \t")
            if value.hasPrefix("W/") { value = String(value.dropFirst(2)) }
            return value
        }
        return candidates.contains("*") || candidates.contains(tag)
    }
}
