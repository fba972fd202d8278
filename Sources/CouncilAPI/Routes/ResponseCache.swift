import HTTPServer
import Synchronization

/// The finished answers of a read route, each kept for the store revision it was computed at, so
/// that the same request at the same revision can be answered from memory on the I/O thread that
/// read it (`inPlace`), without the hand-offs to a worker and back that cost more than the answer.
///
/// An answer is the handler's own, before the middleware: CORS, the ETag and its 304, metrics,
/// readiness and the request id are added on every answer by the chain, as for any request. Its
/// key is what the handler reads from a request: the target (path and query) and `Accept`. A kept
/// answer is served only while the store's revision is known without I/O to be the one it was
/// kept for (`DataStore.knownRevision`: SQLite with no commit by any process since); otherwise,
/// and always on PostgreSQL, the request goes to a worker and the handler as before. The answer's
/// entity tag is kept with it, since a tag depends on nothing but the revision and the key.
///
/// Bounded: at most `capacity` answers and `byteLimit` bytes of bodies and keys in all. A new
/// answer first retires those of older revisions (dead once the revision moved), then, when still
/// over a bound, arbitrary others; an answer larger than a sixteenth of the limit is not kept.
final class ResponseCache: Sendable {
    struct Key: Hashable, Sendable {
        let target: String
        let accept: String

        init(_ request: HTTPRequest) {
            target = request.head.target
            accept = request.headers["Accept"] ?? ""
        }

        var byteCount: Int { target.utf8.count + accept.utf8.count }
    }

    private struct Entry: Sendable {
        let revision: Int64
        let response: HTTPResponse
        /// The request's entity tag at `revision`, so an answer in place does not hash it again.
        let tag: String
        let byteCount: Int
    }

    private struct State: Sendable {
        var entries: [Key: Entry] = [:]
        var byteCount = 0

        mutating func remove(_ key: Key) {
            if let entry = entries.removeValue(forKey: key) { byteCount -= entry.byteCount }
        }
    }

    let capacity: Int
    let byteLimit: Int
    private let state = Mutex(State())

    init(capacity: Int, byteLimit: Int) {
        self.capacity = capacity
        self.byteLimit = byteLimit
    }

    /// How many answers are kept and their bytes (bodies and keys), for tests of the bounds.
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.byteCount) }
    }

    /// The answer kept for `request` at `revision`, with its entity tag, if any.
    func response(for request: HTTPRequest, revision: Int64) -> (response: HTTPResponse, tag: String)? {
        let key = Key(request)
        return state.withLock { state in
            guard let entry = state.entries[key], entry.revision == revision else { return nil }
            return (entry.response, entry.tag)
        }
    }

    /// Keeps a 200 answer with a body of bytes, computed for `request` at `revision`, where its
    /// entity tag is `tag`.
    func keep(_ response: HTTPResponse, for request: HTTPRequest, revision: Int64, tag: String) {
        guard response.status == .ok, case .bytes(let body) = response.body else { return }
        let key = Key(request)
        let size = body.count + key.byteCount + tag.utf8.count
        guard size <= byteLimit / 16 else { return }
        state.withLock { state in
            if let kept = state.entries[key], kept.revision >= revision { return }
            state.remove(key)
            if state.entries.count >= capacity || state.byteCount + size > byteLimit {
                for (old, entry) in state.entries where entry.revision < revision { state.remove(old) }
            }
            while let first = state.entries.first?.key,
                state.entries.count >= capacity || state.byteCount + size > byteLimit
            {
                state.remove(first)
            }
            state.entries[key] = Entry(revision: revision, response: response, tag: tag, byteCount: size)
            state.byteCount += size
        }
    }

    /// The handler wrapped so that its answers are kept, at the revision the request was answered
    /// at and with its tag (`RequestRevision`, bound by `ETagMiddleware` before the handler ran:
    /// the answer may be newer than that revision, never older, so keeping it under that revision
    /// never serves stale data).
    func keeping(_ handler: @escaping Router.Handler) -> Router.Handler {
        { [self] request in
            let response = try handler(request)
            if let revision = RequestRevision.current, let tag = RequestRevision.tag {
                keep(response, for: request, revision: revision, tag: tag)
            }
            return response
        }
    }

    /// The route's in-place answer: the kept one, when the store's revision is known without I/O
    /// and an answer is kept for it; through the whole middleware chain, at that revision (so the
    /// ETag and its 304 are the ones a worker would give). Nil, deciding nothing, otherwise.
    func inPlace(revision knownRevision: @escaping @Sendable () -> Int64?) -> Router.InPlaceHandler {
        { [self] request, chain in
            guard let revision = knownRevision(), let kept = response(for: request, revision: revision) else {
                return nil
            }
            return try RequestRevision.$current.withValue(revision) {
                try RequestRevision.$tag.withValue(kept.tag) { try chain { _ in kept.response } }
            }
        }
    }
}
