import Digests
import Foundation
import HTTPServer

/// What makes two requests "the same request" for an `Idempotency-Key`: the method, the path,
/// the query, the media type of the body, the body and who sent it (the digest of the bearer
/// token, never the token). The media type counts because the same bytes mean another request
/// as CSV than as NDJSON; it is compared as the server reads it (type and subtype in lower case,
/// parameters as sent), so `Application/JSON` and `application/json` are one request.
///
/// Each part is written with its length first, so no two different requests can run together
/// into the same bytes (path `/a` with query `b` against path `/ab`). A body the server spooled to
/// disk (a bulk upload) is hashed as it is read back in chunks, never held in memory whole.
enum RequestFingerprint {
    static func of(_ request: HTTPRequest) throws -> String {
        var hasher = SHA256()
        func part(_ bytes: [UInt8]) {
            length(bytes.count)
            hasher.update(bytes)
        }
        func length(_ count: Int) {
            var length = UInt64(count).bigEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
        }
        let target = request.head.target
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? ""
        part(Array(request.method.rawValue.utf8))
        part(Array(request.path.utf8))
        part(Array(query.utf8))
        part(Array(mediaType(of: request).utf8))
        switch request.body {
        case .empty:
            part([])
        case .bytes(let bytes):
            part(bytes)
        case .file(let file):
            length(file.byteCount)
            try hashFile(file, into: &hasher)
        }
        part(principal(of: request))
        return Hex.encode(hasher.finalize())
    }

    /// The Content-Type as the handlers read it: type and subtype lower-cased, parameters kept.
    static func mediaType(of request: HTTPRequest) -> String {
        guard let value = request.headers["Content-Type"] else { return "" }
        let parts = value.split(separator: ";", maxSplits: 1)
        let type = (parts.first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let parameters = parts.count > 1 ? ";" + parts[1].trimmingCharacters(in: .whitespaces) : ""
        return type + parameters
    }

    /// The digest of the request's bearer token (empty when it has none).
    static func principal(of request: HTTPRequest) -> [UInt8] {
        guard case .bearer(let token) = AuthenticationMiddleware.credential(in: request.headers) else { return [] }
        return BearerTokens.digest(token)
    }

    private static func hashFile(_ file: SpooledFile, into hasher: inout SHA256) throws {
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw SpooledBodyUnreadable(path: file.path)
        }
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
    }
}
