import Dispatch

/// Turning a finished request into bytes on the wire: the handler on a worker, then the response
/// queued on the connection's loop.
extension Connection {
    /// Runs on a worker thread.
    func handle(_ request: HTTPRequest, startedAt: ContinuousClock.Instant) {
        if let response = answer(request, { try context.responder.respond(to: request) }) {
            deliver(response, to: request, startedAt: startedAt, onIOQueue: false)
        }
    }

    /// On the loop: answers the request here when the responder can without waiting
    /// (`HTTPResponder.respondInPlace`), sparing the hand-offs to a worker and back; false when
    /// it cannot, and nothing was answered.
    func answerInPlace(_ request: HTTPRequest, startedAt: ContinuousClock.Instant) -> Bool {
        guard let response = answer(request, { try context.responder.respondInPlace(to: request) }) else {
            return false
        }
        deliver(response, to: request, startedAt: startedAt, onIOQueue: true)
        return true
    }

    /// What `body` answers, with a thrown error turned into its problem; nil when `body` declines.
    private func answer(_ request: HTTPRequest, _ body: () throws -> HTTPResponse?) -> HTTPResponse? {
        do {
            return try body()
        } catch let error as HTTPError {
            return .problem(error, instance: request.id)
        } catch {
            context.logger.event(
                "error", "handler failed", ["error": String(describing: error), "request_id": request.id])
            return .problem(.internalFailure, instance: request.id)
        }
    }

    /// Queues `response` on the loop (where `onIOQueue` says it runs already) and logs the access.
    private func deliver(
        _ response: HTTPResponse, to request: HTTPRequest, startedAt: ContinuousClock.Instant, onIOQueue: Bool
    ) {
        let bodiless = ResponseHead.forbidsBody(response.status) || request.method == .head
        if case .stream(let produce) = response.body, !bodiless {
            if onIOQueue {
                // A producer waits for the socket to drain: never on the loop.
                context.workers.submit { [self] in stream(response, produce, for: request, startedAt: startedAt) }
            } else {
                stream(response, produce, for: request, startedAt: startedAt)
            }
            return
        }
        var sentBytes = 0
        if case .bytes(let bytes) = response.body, !bodiless { sentBytes = bytes.count }
        if onIOQueue {
            respond(response)
        } else {
            loop.execute { [self] in respond(response) }
        }
        logAccess(request.head, status: response.status, bytes: sentBytes, requestID: request.id, startedAt: startedAt)
    }

    /// Queues a complete response to the current exchange (a stream here is only ever bodiless);
    /// returns how many body bytes it queued.
    @discardableResult
    func respond(_ response: HTTPResponse) -> Int {
        guard machine.isResponding, let current = exchange else { return 0 }
        var body: [UInt8] = []
        if case .bytes(let bytes) = response.body { body = bytes }
        let framing: ResponseFraming
        if ResponseHead.forbidsBody(response.status) {
            framing = .bodiless(contentLength: nil)
        } else if current.head.method == .head {
            if case .stream = response.body {
                framing = .bodiless(contentLength: nil)
            } else {
                framing = .bodiless(contentLength: body.count)
            }
        } else {
            framing = .contentLength(body.count)
        }
        let keepAlive = keepsAlive(current.head, response)
        outbound.append(
            ResponseHead.serialize(
                status: response.status, headers: response.headers, framing: framing,
                connection: connectionHeader(keepAlive: keepAlive, version: current.head.version),
                requestID: current.requestID, serverName: configuration.serverName))
        var sent = 0
        if case .contentLength = framing {
            outbound.append(body)
            sent = body.count
        }
        machine.responseQueued(keepAlive: keepAlive)
        flush()
        return sent
    }

    /// Answers without a handler (a refused head, an oversized body, a timeout) and then closes,
    /// because the rest of the input can no longer be framed reliably.
    func answerEarly(_ error: HTTPError) {
        guard machine.beginEarlyAnswer() else { return }
        let requestID = exchange?.requestID ?? RequestID.generate()
        var response = HTTPResponse.problem(error, instance: requestID)
        let head = exchange?.head
        // What the middleware would have added (CORS), from the fields read so far.
        let known = head?.headers ?? machine.parser.partialHeaders ?? HTTPHeaders()
        for (name, value) in context.responder.headersForUnreadRequest(known)
        where response.headers[name] == nil
            || name.lowercased() == "vary"
        {
            response.headers.add(name, value)
        }
        var body: [UInt8] = []
        if case .bytes(let bytes) = response.body { body = bytes }
        let headersOnly = head?.method == .head
        outbound.append(
            ResponseHead.serialize(
                status: response.status, headers: response.headers,
                framing: headersOnly ? .bodiless(contentLength: body.count) : .contentLength(body.count),
                connection: "close", requestID: requestID, serverName: configuration.serverName))
        if !headersOnly {
            outbound.append(body)
        }
        logAccess(
            head, status: response.status, bytes: headersOnly ? 0 : body.count, requestID: requestID,
            startedAt: exchange?.startedAt ?? .now)
        machine.responseQueued(keepAlive: false)
        flush()
    }

    func keepsAlive(_ head: RequestHead, _ response: HTTPResponse) -> Bool {
        machine.keepsAlive(head) && !response.headers.hasToken("close", in: "Connection")
    }

    func connectionHeader(keepAlive: Bool, version: HTTPVersion) -> String? {
        if !keepAlive { return "close" }
        return version == .http10 ? "keep-alive" : nil
    }

    func logAccess(
        _ head: RequestHead?, status: HTTPStatus, bytes: Int, requestID: String, startedAt: ContinuousClock.Instant
    ) {
        context.logger.access(
            AccessRecord(
                method: head?.method.rawValue ?? "-", path: head?.path ?? "-", status: status.code,
                bodyBytes: bytes, duration: .now - startedAt, requestID: requestID,
                remoteAddress: remoteAddress))
    }
}
