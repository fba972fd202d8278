import Digests
import HTTPServer

/// What makes two requests "the same request" for an `Idempotency-Key`: the method, the path,
/// the query, the body and who sent it (the digest of the bearer token, never the token).
///
/// Each part is written with its length first, so no two different requests can run together
/// into the same bytes (path `/a` with query `b` against path `/ab`).
enum RequestFingerprint {
    static func of(_ request: HTTPRequest, body: [UInt8]) -> String {
        var hasher = SHA256()
        func part(_ bytes: [UInt8]) {
            var length = UInt64(bytes.count).bigEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            hasher.update(bytes)
        }
        let target = request.head.target
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? ""
        part(Array(request.method.rawValue.utf8))
        part(Array(request.path.utf8))
        part(Array(query.utf8))
        part(body)
        part(principal(of: request))
        return Hex.encode(hasher.finalize())
    }

    /// The digest of the request's bearer token (empty when it has none).
    static func principal(of request: HTTPRequest) -> [UInt8] {
        guard case .bearer(let token) = AuthenticationMiddleware.credential(in: request.headers) else { return [] }
        return BearerTokens.digest(token)
    }
}
