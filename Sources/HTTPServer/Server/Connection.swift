import Dispatch
import Glibc

/// One accepted TCP connection: the I/O around a `ConnectionMachine`. It reads the socket, hands
/// complete requests to the worker pool, writes the responses back in order, and arms one timer
/// for the machine's deadlines; the machine decides every transition.
///
/// Everything mutable is touched only on `queue`, a serial queue of its own (which is why the class
/// is `@unchecked Sendable`); worker threads reach it with `queue.async`, or `queue.sync` when a
/// streaming handler must wait. No call on `queue` blocks: the socket is non-blocking.
final class Connection: @unchecked Sendable {
    let id: Int
    let remoteAddress: String
    let queue: DispatchQueue
    let context: ConnectionContext
    let fd: Int32

    var machine: ConnectionMachine
    var exchange: Exchange?
    var outbound = OutboundBuffer()
    /// A streaming handler is blocked in `write` until `outbound` drains to the low-water mark.
    var streamWriterWaiting = false
    let writableSignal = DispatchSemaphore(value: 0)

    private let readSource: DispatchSourceRead
    private var readsSuspended = false
    private var writeSource: DispatchSourceWrite?
    private var writeSourceSuspended = false
    private let timer: DispatchSourceTimer
    /// The instant the timer is armed for. The timer is moved only when a deadline falls earlier
    /// than this: a later one is found when the timer fires early and finds nothing due, so the
    /// deadlines of a busy keep-alive connection cost no timer update per request.
    private var timerArmedFor: MonotonicInstant?
    /// Sources whose cancellation is still pending; the descriptor is closed after the last one, so
    /// it cannot be reused by a new connection while a source still watches it.
    private var liveSources = 1
    private var sourcesActivated = false
    private var processingInput = false

    var configuration: ServerConfiguration { context.configuration }

    init(id: Int, fd: Int32, remoteAddress: String, context: ConnectionContext) {
        self.id = id
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.context = context
        self.queue = context.makeConnectionQueue(for: id)
        self.machine = ConnectionMachine(
            limits: context.configuration.parserLimits, timeouts: ConnectionMachine.Timeouts(context.configuration))
        self.readSource = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        self.timer = DispatchSource.makeTimerSource(queue: queue)
        readSource.setEventHandler { [self] in readable() }
        readSource.setCancelHandler { [self] in sourceCancelled() }
        timer.setEventHandler { [self] in timerFired() }
    }

    /// Begins reading; until then the connection is inert.
    func start() {
        queue.async { [self] in
            guard machine.phase != .closed else { return }
            machine.accepted(at: .now())
            armTimer()
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
            if machine.beginDrain() { close() }
        }
    }

    /// Server shutdown past its drain timeout.
    func forceClose() {
        queue.async { [self] in close() }
    }

    // MARK: Reading

    private func readable() {
        guard machine.phase != .closed else { return }
        if machine.discardsInput {
            discardInput()
            return
        }
        let now = MonotonicInstant.now()
        let outcome = context.readBuffer(for: id).receive(from: fd) { bytes in
            machine.received(bytes, at: now)
        }
        switch outcome {
        case .failed:
            close()
            return
        case .endOfInput:
            machine.peerFinished()
        case .received, .wouldBlock:
            break
        }
        processInput()
        guard machine.phase != .closed else { return }
        if machine.inputExhausted {
            close()
            return
        }
        updateReadInterest()
        armTimer()
    }

    /// After the final response: read and drop whatever the client still sends until it closes.
    private func discardInput() {
        switch context.readBuffer(for: id).receive(from: fd, { _ in }) {
        case .received, .wouldBlock: return
        case .endOfInput, .failed: close()
        }
    }

    /// Acts on parsed input until the parser needs more bytes or a request is taken. A call made
    /// while one is already running (a request answered on the I/O queue finished, and the next
    /// may start) returns at once: the running loop takes the next request, so a run of pipelined
    /// requests answered in place is a loop, not a recursion.
    func processInput() {
        guard !processingInput else { return }
        processingInput = true
        defer { processingInput = false }
        let now = MonotonicInstant.now()
        while let step = machine.nextInput(at: now) {
            switch step {
            case .head(let head): begin(head, at: now)
            case .body(let bytes): receive(bytes)
            case .complete: dispatch()
            case .malformed(let error): answerEarly(error)
            }
        }
    }

    private func begin(_ head: RequestHead, at now: MonotonicInstant) {
        let limit = max(0, context.responder.bodyLimit(for: head) ?? configuration.maxBodyBytes)
        exchange = Exchange(
            head: head,
            requestID: RequestID.choose(clientValue: head.headers["X-Request-Id"]),
            startedAt: .now,
            body: BodyAccumulator(
                limit: limit, memoryThreshold: configuration.inMemoryBodyThreshold,
                temporaryDirectory: configuration.temporaryDirectory, budget: context.spoolBudget))
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
        if head.expectsContinue && head.version == .http11 {
            outbound.append(Self.continueLine)
            flush()
        }
        machine.expectBody(at: now)
    }

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private func receive(_ bytes: [UInt8]) {
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
        machine.refuseHead()
        current.body = nil
        exchange = current
        var request = HTTPRequest(head: current.head, body: .empty, id: current.requestID, remoteAddress: remoteAddress)
        request.headRefusal = error
        let startedAt = current.startedAt
        context.workers.submit { [self, request] in handle(request, startedAt: startedAt) }
    }

    /// The request is complete: hand it to a worker. Reading goes on (up to the machine's
    /// read-ahead limit) while it runs.
    private func dispatch() {
        guard var current = exchange, var accumulator = current.body else { return }
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
        if request.method.isSafe && context.responder.isNonBlocking(request.head) {
            handle(request, startedAt: startedAt, onIOQueue: true)
            return
        }
        context.pool(for: request.method).submit { [self] in handle(request, startedAt: startedAt) }
    }

    /// The final response is written whole: read the next request, or close.
    private func responseWritten(_ after: ConnectionMachine.AfterResponse) {
        exchange = nil
        context.requestsServed.add(1, ordering: .relaxed)
        switch after {
        case .nextRequest:
            processInput()
            guard machine.phase != .closed else { return }
            if machine.inputExhausted {
                close()
                return
            }
        case .halfCloseAndLinger:
            shutdown(fd, Int32(SHUT_WR))
        case .halfCloseAndClose:
            shutdown(fd, Int32(SHUT_WR))
            close()
            return
        }
        updateReadInterest()
        armTimer()
    }

    // MARK: Closing

    /// Releases everything at once; safe to call more than once.
    func close() {
        guard machine.phase != .closed else { return }
        machine.closed()
        exchange = nil
        outbound.removeAll()
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

    /// Watches the socket for input exactly when the machine wants input. Suspending a Dispatch
    /// source costs a system call, so it is done only on a change.
    func updateReadInterest() {
        guard machine.phase != .closed else { return }
        let wanted = machine.wantsInput
        if wanted && readsSuspended {
            readsSuspended = false
            readSource.resume()
        } else if !wanted && !readsSuspended {
            readsSuspended = true
            readSource.suspend()
        }
    }

    // MARK: Writing

    /// Sends as much of `outbound` as the socket takes; the rest waits for a writable event.
    func flush() {
        guard machine.phase != .closed else { return }
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
        if streamWriterWaiting && outbound.count <= configuration.streamLowWaterMark {
            streamWriterWaiting = false
            writableSignal.signal()
        }
        if !outbound.isEmpty {
            awaitWritable()
            machine.outputBlocked(progressed: progressed, at: .now())
            armTimer()
            return
        }
        stopAwaitingWritable()
        if let after = machine.outputDrained(at: .now()) {
            responseWritten(after)
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

    /// Arms the timer for the machine's next deadline when that falls before the instant it is
    /// armed for (see `timerArmedFor`).
    func armTimer() {
        guard machine.phase != .closed, let next = machine.nextDeadline else { return }
        if let armed = timerArmedFor, armed <= next { return }
        timerArmedFor = next
        timer.schedule(deadline: next.dispatchTime, leeway: .milliseconds(20))
    }

    private func timerFired() {
        timerArmedFor = nil
        switch machine.timerFired(at: .now()) {
        case .nothingDue:
            break
        case .close:
            close()
            return
        case .requestTimeout:
            answerEarly(HTTPError(.requestTimeout, detail: "The request did not arrive in time."))
        }
        armTimer()
    }
}

extension HTTPError {
    static func bodyTooLarge(limit: Int) -> HTTPError {
        HTTPError(.contentTooLarge, detail: "The request body exceeds the limit of \(limit) bytes for this resource.")
    }
}
