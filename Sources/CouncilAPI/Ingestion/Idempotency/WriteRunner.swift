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
/// 1. the key is claimed in memory (`InFlightKeys`); if another request holds it, 409 with
///    `Retry-After`, so two copies of one request sent at once cannot both write;
/// 2. an answer kept under the key is looked for (after claiming, so an answer committed by the
///    previous holder is seen): same fingerprint → that answer again, marked
///    `Idempotent-Replayed: true`; different request → 422;
/// 3. otherwise the handler runs, and its write and its 2xx answer are committed in ONE
///    transaction (`WriteScope.commit`), kept for `lifetime` seconds.
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
        guard inFlight.reserve(key) else {
            throw HTTPError(
                .conflict, type: ProblemType.idempotencyConflict, title: "Request in progress",
                detail:
                    "a request with Idempotency-Key '\(key)' is still being processed; retry after it finishes to get its answer",
                headers: ["Retry-After": "1"])
        }
        defer { inFlight.release(key) }
        if let kept = try store.idempotency.response(forKey: key, now: now()) {
            guard kept.fingerprint == fingerprint else {
                throw HTTPError(
                    .unprocessableContent, type: ProblemType.idempotencyMismatch, title: "Idempotency-Key reused",
                    detail:
                        "Idempotency-Key '\(key)' was used for a different request in the last 24 hours; use a new key for a new request",
                    errors: [
                        FieldError(
                            field: IdempotencyKey.headerName, message: "was already used for a different request")
                    ])
            }
            return Self.replay(kept)
        }
        return try handler(WriteScope(runner: self, pending: (key, fingerprint)))
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
        try runner.store.write { transaction in
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
