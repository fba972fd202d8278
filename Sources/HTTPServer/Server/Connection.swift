import Dispatch
import Glibc

/// One accepted TCP connection: reads requests, hands them to the worker pool one at a time, and
/// writes the responses back in order.
///
/// Everything mutable is touched only on `queue`, a serial queue of its own (which is why the class
/// is `@unchecked Sendable`); worker threads reach it with `queue.async`, or `queue.sync` when a
/// streaming handler must wait. No call on `queue` blocks: the socket is non-blocking, and reading
/// stops while a response is pending, so a client cannot make the server buffer without bound.
final class Connection: @unchecked Sendable {
    enum Phase {
        /// Waiting for the first byte of the next request.
        case idle
        /// Some of a request head has arrived.
        case head
        /// The head is parsed; the body is arriving.
        case body
        /// The handler is running or its response is being queued; reads are paused.
        case responding
        /// The final response is sent and the write side shut; input is discarded until the peer closes.
        case lingering
        case closed
    }

    enum ReadDeadline {
        /// Just accepted: the first request's header section is due within `headerTimeout` of
        /// the accept, not `idleTimeout`, so a connection that never speaks is cheap to hold.
        /// Nothing has been sent yet, so expiry closes without a response.
        case accepted
        case idle, header, body, linger
    }

    let id: Int
    let remoteAddress: String
    let queue: DispatchQueue
    let context: ConnectionContext
    let fd: Int32

    var phase = Phase.idle
    var parser: RequestParser
    var exchange: Exchange?
    var outbound = OutboundBuffer()
    /// A complete response is queued; the next request starts once `outbound` drains.
    var awaitingDrain = false
    var closeAfterResponse = false
    /// The server is shutting down: answer what is in progress with `Connection: close`.
    var draining = false
    /// The client shut its write side; answer what was received, then close.
    var peerFinishedSending = false
    var readDeadline: (at: DispatchTime, kind: ReadDeadline)?
    /// When the last bytes of the current body arrived: the body times out on a stall of
    /// `bodyTimeout`, not on its total time, so a large upload on a slow but steady line completes.
    var lastBodyProgress: DispatchTime?
    var writeDeadline: DispatchTime?
    /// A streaming handler is blocked in `write` until `outbound` drains to the low-water mark.
    var streamWriterWaiting = false
    let writableSignal = DispatchSemaphore(value: 0)

    private let readSource: DispatchSourceRead
    private var readsSuspended = false
    private var writeSource: DispatchSourceWrite?
    private var writeSourceSuspended = false
    private let timer: DispatchSourceTimer
    /// Sources whose cancellation is still pending; the descriptor is closed after the last one, so
    /// it cannot be reused by a new connection while a source still watches it.
    private var liveSources = 1
    private var sourcesActivated = false

    var configuration: ServerConfiguration { context.configuration }

    init(id: Int, fd: Int32, remoteAddress: String, context: ConnectionContext) {
        self.id = id
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.context = context
        self.queue = context.makeConnectionQueue(for: id)
        self.parser = RequestParser(limits: context.configuration.parserLimits)
        self.readSource = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        self.timer = DispatchSource.makeTimerSource(queue: queue)
        readSource.setEventHandler { [self] in readable() }
        readSource.setCancelHandler { [self] in sourceCancelled() }
        timer.setEventHandler { [self] in timerFired() }
    }

    /// Begins reading; until then the connection is inert.
    func start() {
        queue.async { [self] in
            guard phase != .closed else { return }
            setReadDeadline(.accepted)
            activateSources()
        }
    }

    /// Dispatch objects must be activated before they are released, even cancelled ones.
    private func activateSources() {
        guard !sourcesActivated else { return }
        sourcesActivated = true
        timer.activate()
        readSource.activate()
    }

    /// Server shutdown: an idle connection closes now, a busy one after its current response.
    func beginDrain() {
        queue.async { [self] in
            draining = true
            if phase == .idle { close() }
        }
    }

    /// Server shutdown past its drain timeout.
    func forceClose() {
        queue.async { [self] in close() }
    }

    // MARK: Reading

    private static let readChunk = 16 * 1024
    /// Bytes read per wake-up before yielding, so one fast client cannot monopolise an I/O queue.
    private static let readBudget = 64 * 1024

    private func readable() {
        guard phase != .closed else { return }
        if phase == .lingering {
            discardInput()
            return
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readChunk, alignment: 1)
        defer { buffer.deallocate() }
        var received = 0
        var sawEnd = false
        reading: while received < Self.readBudget {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 {
                parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                received += count
            } else if count == 0 {
                sawEnd = true
                break
            } else {
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: break reading
                default:
                    close()
                    return
                }
            }
        }
        if received > 0 && phase == .idle {
            phase = .head
            startHeaderDeadline()
        }
        if sawEnd {
            // The end of input stays readable forever; stop watching it or the source would spin.
            peerFinishedSending = true
            suspendReads()
        }
        processRequests()
        if sawEnd && phase != .responding {
            close()
        }
    }

    /// After the final response: read and drop whatever the client still sends until it closes.
    private func discardInput() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readChunk, alignment: 1)
        defer { buffer.deallocate() }
        var discarded = 0
        while discarded < Self.readBudget {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 {
                discarded += count
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            close()
            return
        }
    }

    /// Turns parser events into exchanges until the parser needs more bytes or a request is taken.
    func processRequests() {
        while phase == .idle || phase == .head || phase == .body {
            let event: ParseEvent?
            do {
                event = try parser.next()
            } catch {
                answerEarly(HTTPError(error))
                return
            }
            guard let event else {
                if phase == .idle && parser.bufferedByteCount > 0 {
                    phase = .head
                    startHeaderDeadline()
                }
                return
            }
            switch event {
            case .head(let head): begin(head)
            case .body(let bytes): receive(bytes)
            case .end: dispatch()
            }
        }
    }

    private func begin(_ head: RequestHead) {
        let limit = max(0, context.responder.bodyLimit(for: head) ?? configuration.maxBodyBytes)
        exchange = Exchange(
            head: head,
            requestID: RequestID.choose(clientValue: head.headers["X-Request-Id"]),
            startedAt: .now,
            body: BodyAccumulator(
                limit: limit, memoryThreshold: configuration.inMemoryBodyThreshold,
                temporaryDirectory: configuration.temporaryDirectory, budget: context.spoolBudget))
        phase = .body
        if case .none = head.framing { return }
        // Whatever the head alone decides (401/403, 404/405, 415, then 413 on Content-Length) is
        // answered before a byte of the body is read or spooled, and before the client is told
        // to send it.
        if let refusal = context.responder.refusal(for: head) {
            refuse(refusal)
            return
        }
        if case .contentLength(let length) = head.framing, length > limit {
            refuse(.bodyTooLarge(limit: limit))
            return
        }
        if head.expectsContinue && head.version == .http1_1 {
            outbound.append(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
            flush()
        }
        lastBodyProgress = nil
        setReadDeadline(.body)
    }

    private func receive(_ bytes: [UInt8]) {
        lastBodyProgress = .now()
        do throws(BodyCollectionError) {
            try exchange?.body?.append(bytes)
        } catch {
            switch error {
            case .tooLarge(let limit):
                answerEarly(.bodyTooLarge(limit: limit))
            case .spoolFailed(let reason):
                context.logger.event("error", "request body spooling failed", ["error": reason])
                answerEarly(.internalFailure)
            case .spoolFull(let limit):
                exchange?.body = nil  // gives its spooled bytes back now
                refuse(
                    HTTPError(
                        .serviceUnavailable,
                        detail: "The server is receiving too many large bodies at once (over \(limit) bytes in all); retry shortly.",
                        headers: ["Retry-After": "5"]))
            }
        }
    }

    /// Answers a request whose head was refused without reading its body: the refusal goes
    /// through the responder (so middleware adds what every answer carries) on the pool that
    /// serves reads, and the connection closes after it.
    private func refuse(_ error: HTTPError) {
        guard var current = exchange else { return }
        phase = .responding
        readDeadline = nil
        rescheduleTimer()
        suspendReads()
        current.body = nil
        current.bodyUnread = true
        exchange = current
        var request = HTTPRequest(head: current.head, body: .empty, id: current.requestID, remoteAddress: remoteAddress)
        request.headRefusal = error
        let startedAt = current.startedAt
        context.workers.submit { [self, request] in handle(request, startedAt: startedAt) }
    }

    /// The request is complete: pause reading and hand it to a worker.
    private func dispatch() {
        guard var current = exchange, var accumulator = current.body else { return }
        phase = .responding
        readDeadline = nil
        rescheduleTimer()
        suspendReads()
        let body: RequestBody
        do throws(BodyCollectionError) {
            body = try accumulator.finish()
        } catch {
            context.logger.event("error", "request body spooling failed", ["error": "\(error)"])
            answerEarly(.internalFailure)
            return
        }
        current.body = nil
        exchange = current
        let request = HTTPRequest(
            head: current.head, body: body, id: current.requestID, remoteAddress: remoteAddress)
        let startedAt = current.startedAt
        context.pool(for: request.method).submit { [self] in handle(request, startedAt: startedAt) }
    }

    /// Called once the final response is fully written: start the next request or close.
    func finishExchange() {
        guard phase == .responding else { return }
        exchange = nil
        context.requestsServed.add(1, ordering: .relaxed)
        if closeAfterResponse || draining {
            closeGracefully()
            return
        }
        phase = parser.bufferedByteCount > 0 ? .head : .idle
        setReadDeadline(phase == .head ? .header : .idle)
        processRequests()
        guard phase == .idle || phase == .head || phase == .body else { return }
        if peerFinishedSending {
            close()
        } else {
            resumeReads()
        }
    }

    // MARK: Closing

    /// Half-closes after the last response and lingers, so request bytes the server never read do
    /// not make the kernel reset the connection and discard the response in flight.
    private func closeGracefully() {
        phase = .lingering
        shutdown(fd, Int32(SHUT_WR))
        if peerFinishedSending {
            close()
            return
        }
        setReadDeadline(.linger)
        resumeReads()
    }

    /// Releases everything at once; safe to call more than once.
    func close() {
        guard phase != .closed else { return }
        phase = .closed
        exchange = nil
        outbound.removeAll()
        parser = RequestParser(limits: configuration.parserLimits)
        readDeadline = nil
        writeDeadline = nil
        timer.cancel()
        readSource.cancel()
        activateSources()
        if readsSuspended {
            readsSuspended = false
            readSource.resume()
        }
        if let writeSource {
            writeSource.cancel()
            if writeSourceSuspended {
                writeSourceSuspended = false
                writeSource.resume()
            }
        }
        if streamWriterWaiting {
            streamWriterWaiting = false
            writableSignal.signal()
        }
        context.connectionClosed(id)
    }

    private func sourceCancelled() {
        liveSources -= 1
        if liveSources == 0 {
            Glibc.close(fd)
        }
    }

    func suspendReads() {
        guard !readsSuspended, phase != .closed else { return }
        readsSuspended = true
        readSource.suspend()
    }

    func resumeReads() {
        guard readsSuspended, phase != .closed else { return }
        readsSuspended = false
        readSource.resume()
    }

    // MARK: Writing

    /// Sends as much of `outbound` as the socket takes; the rest waits for a writable event.
    func flush() {
        guard phase != .closed else { return }
        var progressed = false
        while !outbound.isEmpty {
            var failure: Int32 = 0
            let sent = outbound.withFirstUnsent { buffer in
                let count = send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                if count < 0 { failure = errno }
                return max(0, count)
            }
            if sent > 0 {
                progressed = true
            } else if failure == EINTR {
                continue
            } else if failure == EAGAIN || failure == EWOULDBLOCK {
                break
            } else {
                close()
                return
            }
        }
        if outbound.isEmpty {
            stopAwaitingWritable()
            if writeDeadline != nil {
                writeDeadline = nil
                rescheduleTimer()
            }
        } else {
            awaitWritable()
            if progressed || writeDeadline == nil {
                writeDeadline = .now() + configuration.writeTimeout.dispatchInterval
                rescheduleTimer()
            }
        }
        if streamWriterWaiting && outbound.count <= configuration.streamLowWaterMark {
            streamWriterWaiting = false
            writableSignal.signal()
        }
        if outbound.isEmpty && awaitingDrain {
            awaitingDrain = false
            // A hop rather than a call, so a run of pipelined requests answered on this queue
            // does not recurse.
            queue.async { [self] in finishExchange() }
        }
    }

    private func awaitWritable() {
        if let writeSource {
            if writeSourceSuspended {
                writeSourceSuspended = false
                writeSource.resume()
            }
            return
        }
        let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [self] in flush() }
        source.setCancelHandler { [self] in sourceCancelled() }
        liveSources += 1
        writeSource = source
        source.activate()
    }

    private func stopAwaitingWritable() {
        guard let writeSource, !writeSourceSuspended else { return }
        writeSourceSuspended = true
        writeSource.suspend()
    }

    // MARK: Deadlines

    /// The first bytes of a request arrived: its header section is due within `headerTimeout`,
    /// counted from the accept for the first request and from now for later ones.
    private func startHeaderDeadline() {
        if let deadline = readDeadline, deadline.kind == .accepted {
            readDeadline = (deadline.at, .header)
        } else {
            setReadDeadline(.header)
        }
    }

    func setReadDeadline(_ kind: ReadDeadline) {
        let timeout: Duration =
            switch kind {
            case .idle: configuration.idleTimeout
            case .accepted, .header: configuration.headerTimeout
            case .body: configuration.bodyTimeout
            case .linger: configuration.lingerTimeout
            }
        readDeadline = (.now() + timeout.dispatchInterval, kind)
        rescheduleTimer()
    }

    func rescheduleTimer() {
        guard phase != .closed else { return }
        let next = [readDeadline?.at, writeDeadline].compactMap { $0 }.min()
        timer.schedule(deadline: next ?? .distantFuture, leeway: .milliseconds(20))
    }

    private func timerFired() {
        guard phase != .closed else { return }
        let now = DispatchTime.now()
        if let writeDeadline, writeDeadline <= now {
            // The client stopped reading; drop it and free what was queued for it.
            close()
            return
        }
        if let deadline = readDeadline, deadline.kind == .body, let last = lastBodyProgress,
            last + configuration.bodyTimeout.dispatchInterval > now
        {
            // Bytes came since the deadline was set: the body is slow, not stalled.
            readDeadline = (last + configuration.bodyTimeout.dispatchInterval, .body)
        } else if let deadline = readDeadline, deadline.at <= now {
            readDeadline = nil
            switch deadline.kind {
            case .accepted, .idle, .linger:
                close()
                return
            case .header, .body:
                answerEarly(HTTPError(.requestTimeout, detail: "The request did not arrive in time."))
            }
        }
        rescheduleTimer()
    }
}

extension HTTPError {
    static func bodyTooLarge(limit: Int) -> HTTPError {
        HTTPError(.contentTooLarge, detail: "The request body exceeds the limit of \(limit) bytes for this resource.")
    }
}
