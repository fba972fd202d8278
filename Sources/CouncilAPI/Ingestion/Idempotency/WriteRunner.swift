import HTTPServer
import Repositories

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs every write handler, and gives a POST with an `Idempotency-Key` at-most-once effect.
///
/// For such a POST, in this order:
/// 1. an answer kept under the key is looked for: same fingerprint → that answer again, marked
///    `Idempotent-Replayed: true`; different request → 422. A key whose request finished long
///    ago is answered here, however many copies arrive at once;
/// 2. otherwise the key is claimed in this process (`InFlightKeys`); if another request here
///    holds it, 409 with `Retry-After`, without tying up a thread behind the writer;
/// 3. the handler runs, and its write and its 2xx answer are committed in ONE transaction
///    (`WriteScope.commit`), kept for `lifetime` seconds. Inside that transaction, behind the
///    store's writer lock, the key is looked for once more: a copy of the request sent to another
///    instance (which the in-process claim cannot see) may have committed meanwhile, and then
///    this one writes nothing and answers with that copy's answer. The key lives in the
///    database, so "writes once" holds across every instance sharing it.
///
/// Refusals (4xx) are not kept: they changed nothing, and a client must be able to correct the
/// request and send it again under the same key. PUT and DELETE are idempotent by their nature
/// and ignore the header.
struct WriteRunner: Sendable {
    static let defaultLifetime: Int64 = 24 * 60 * 60

    let store: DataStore
    let inFlight: InFlightKeys
    /// Unix seconds; injected so expiry is testable.
    let now: @Sendable () -> Int64
    let lifetime: Int64

    init(
        store: DataStore, inFlight: InFlightKeys = InFlightKeys(), lifetime: Int64 = Self.defaultLifetime,
        now: @escaping @Sendable () -> Int64 = { Int64(time(nil)) }
    ) {
        self.store = store
        self.inFlight = inFlight
        self.lifetime = lifetime
        self.now = now
    }

    func run(_ request: HTTPRequest, _ handler: (WriteScope) throws -> HTTPResponse) throws -> HTTPResponse {
        guard request.method == .post, let key = try IdempotencyKey.of(request) else {
            return try handler(WriteScope(runner: self, pending: nil))
        }
        let fingerprint = try RequestFingerprint.of(request)
        if let kept = try store.idempotency.response(forKey: key, now: now()) {
            return try Self.answer(kept, key: key, fingerprint: fingerprint)
        }
        guard inFlight.reserve(key) else {
            throw HTTPError(
                .conflict, type: ProblemType.idempotencyConflict.uri, title: "Request in progress",
                detail:
                    "a request with Idempotency-Key '\(key)' is still being processed; retry after it finishes to get its answer",
                headers: ["Retry-After": "1"])
        }
        defer { inFlight.release(key) }
        return try handler(WriteScope(runner: self, pending: (key, fingerprint)))
    }

    /// The kept answer of an earlier request under `key`: replayed when it was this same request,
    /// else the key is being reused for another request, a 422.
    static func answer(_ kept: IdempotentResponse, key: String, fingerprint: String) throws -> HTTPResponse {
        guard kept.fingerprint == fingerprint else {
            throw HTTPError(
                .unprocessableContent, type: ProblemType.idempotencyMismatch.uri, title: "Idempotency-Key reused",
                detail:
                    "Idempotency-Key '\(key)' was used for a different request in the last 24 hours; use a new key for a new request",
                errors: [
                    FieldError(field: IdempotencyKey.headerName, message: "was already used for a different request")
                ])
        }
        return replay(kept)
    }

    static func replay(_ kept: IdempotentResponse) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let contentType = kept.contentType { headers.set("Content-Type", contentType) }
        if let location = kept.location { headers.set("Location", location) }
        headers.set("Idempotent-Replayed", "true")
        return HTTPResponse(
            status: successStatus(kept.status), headers: headers, body: kept.body.isEmpty ? .empty : .bytes(kept.body))
    }
}

extension WriteRunner {
    /// The status of a kept answer, which is always a success (the table refuses others).
    static func successStatus(_ code: Int) -> HTTPStatus {
        [HTTPStatus.ok, .created, .noContent, .multiStatus].first { $0.code == code }
            ?? HTTPStatus(code: code, reasonPhrase: "Success")
    }
}

/// What a write handler is given: the way to commit, carrying the request's idempotency key.
struct WriteScope {
    let runner: WriteRunner
    let pending: (key: String, fingerprint: String)?

    /// Runs `body` as one transaction on the single writer. When the request carries an
    /// idempotency key and `body` answers 2xx, the answer is saved in the same transaction, so it
    /// commits exactly when the write does. Throwing from `body` rolls everything back.
    func commit(_ body: (WriteTransaction) throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try write(body)
        } catch let answered as AnsweredMeanwhile {
            return try WriteRunner.answer(answered.kept, key: answered.kept.key, fingerprint: answered.fingerprint)
        }
    }

    /// Thrown inside the transaction to roll it back when another request under the same key
    /// committed first (on another instance): this one must not write again.
    private struct AnsweredMeanwhile: Error {
        let kept: IdempotentResponse
        let fingerprint: String
    }

    private func write(_ body: (WriteTransaction) throws -> HTTPResponse) throws -> HTTPResponse {
        try runner.store.write { transaction in
            if let pending, let kept = try transaction.idempotentResponse(forKey: pending.key, now: runner.now()) {
                throw AnsweredMeanwhile(kept: kept, fingerprint: pending.fingerprint)
            }
            let response = try body(transaction)
            if let pending, (200..<300).contains(response.status.code), let bytes = Self.storable(response.body) {
                let created = runner.now()
                try transaction.saveIdempotentResponse(
                    IdempotentResponse(
                        key: pending.key, fingerprint: pending.fingerprint, status: response.status.code,
                        contentType: response.headers["Content-Type"], location: response.headers["Location"],
                        body: bytes, createdAt: created, expiresAt: created + runner.lifetime))
            }
            return response
        }
    }

    /// A streamed body cannot be kept; write handlers answer with bytes.
    private static func storable(_ body: ResponseBody) -> [UInt8]? {
        switch body {
        case .empty: []
        case .bytes(let bytes): bytes
        case .stream: nil
        }
    }
}
