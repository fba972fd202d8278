import Dispatch
import Glibc

/// One accepted TCP connection: the I/O around a `ConnectionMachine`. It reads the socket, hands
/// complete requests to the worker pool, writes the responses back in order, and arms one timer
/// for the machine's deadlines; the machine decides every transition.
///
/// Everything mutable is touched only on `loop`'s thread (which is why the class is
/// `@unchecked Sendable`); worker threads reach it with `loop.execute`, or `loop.sync` when a
/// streaming handler must wait. No call on the loop blocks: the socket is non-blocking.
final class Connection: @unchecked Sendable {
    let id: Int
    let remoteAddress: String
    let loop: EventLoop
    let context: ConnectionContext
    let fd: Int32

    var machine: ConnectionMachine
    var exchange: Exchange?
    var outbound = OutboundBuffer()
    /// A streaming handler is blocked in `write` until `outbound` drains to the low-water mark.
    var streamWriterWaiting = false
    let writableSignal = DispatchSemaphore(value: 0)

    /// What the loop watches the socket for.
    private var wantsRead = true
    private var wantsWrite = false
    /// Fires on `timerQueue`; its handler hops to the loop. Deadlines are rare events next to
    /// reads, so they keep Dispatch's timers.
    private let timer: DispatchSourceTimer
    private static let timerQueue = DispatchQueue(label: "HTTPServer.timers")
    /// The instant the timer is armed for. The timer is moved only when a deadline falls earlier
    /// than this: a later one is found when the timer fires early and finds nothing due, so the
    /// deadlines of a busy keep-alive connection cost no timer update per request.
    private var timerArmedFor: MonotonicInstant?
    private var timerActivated = false
    /// Responses were sent with `MSG_MORE` and may sit in the kernel until pushed (see `flush`).
    private var corked = false
    private var processingInput = false

    var configuration: ServerConfiguration { context.configuration }

    init(id: Int, fd: Int32, remoteAddress: String, context: ConnectionContext) {
        self.id = id
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.context = context
        self.loop = context.loop(for: id)
        self.machine = ConnectionMachine(
            limits: context.configuration.parserLimits, timeouts: ConnectionMachine.Timeouts(context.configuration))
        self.timer = DispatchSource.makeTimerSource(queue: Self.timerQueue)
        timer.setEventHandler { [self] in loop.execute { [self] in timerFired() } }
    }

    /// Begins reading; until then the connection is inert.
    func start() {
        loop.execute { [self] in
            guard machine.phase != .closed else { return }
            machine.accepted(at: .now())
            armTimer()
            activateTimer()
            loop.register(
                fd, read: true,
                handlers: EventLoop.Handlers(readable: { [self] in readable() }, writable: { [self] in flush() }))
        }
    }

    /// A Dispatch timer must be activated before it is released, even a cancelled one.
    private func activateTimer() {
        guard !timerActivated else { return }
        timerActivated = true
        timer.activate()
    }

    /// Server shutdown: an idle connection closes now, a busy one after its current response.
    func beginDrain() {
        loop.execute { [self] in
            if machine.beginDrain() { close() }
        }
    }

    /// Server shutdown past its drain timeout.
    func forceClose() {
        loop.execute { [self] in close() }
    }

    // MARK: Reading

    private func readable() {
        guard machine.phase != .closed else { return }
        if machine.discardsInput {
            discardInput()
            return
        }
        let now = MonotonicInstant.now()
        let outcome = loop.readBuffer.receive(from: fd) { bytes in
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
        switch loop.readBuffer.receive(from: fd, { _ in }) {
        case .received, .wouldBlock: return
        case .endOfInput, .failed: close()
        }
    }

    /// Acts on parsed input until the parser needs more bytes or a request is taken. A call made
    /// while one is already running (a request answered on the loop finished, and the next
    /// may start) returns at once: the running loop takes the next request, so a run of pipelined
    /// requests answered in place is a loop, not a recursion.
    func processInput() {
        guard !processingInput else { return }
        processingInput = true
        defer {
            processingInput = false
            if corked { pushCorked() }
        }
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
        // A request without a body needs no limit, and the route lookup that finds it is not free.
        let bodiless = head.framing == BodyFraming.none
        let limit = bodiless ? 0 : max(0, context.responder.bodyLimit(for: head) ?? configuration.maxBodyBytes)
        exchange = Exchange(
            head: head,
            requestID: RequestID.choose(clientValue: head.headers["X-Request-Id"]),
            startedAt: .now,
            body: BodyAccumulator(
                limit: limit, memoryThreshold: configuration.inMemoryBodyThreshold,
                temporaryDirectory: configuration.temporaryDirectory, budget: context.spoolBudget))
        if bodiless { return }
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
                        detail:
                            "The server is receiving too many large bodies at once (over \(limit) bytes in all); retry shortly.",
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

    /// The request is complete: answer it here when the responder can without waiting, else hand
    /// it to a worker. Reading goes on (up to the machine's
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
        if request.method.isSafe && answerInPlace(request, startedAt: startedAt) { return }
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
        activateTimer()
        loop.deregister(fd)
        Glibc.close(fd)
        if streamWriterWaiting {
            streamWriterWaiting = false
            writableSignal.signal()
        }
        context.connectionClosed(id)
    }

    /// Watches the socket for input exactly when the machine wants input. A change of interest
    /// costs a system call, so it is made only on a change.
    func updateReadInterest() {
        guard machine.phase != .closed, machine.wantsInput != wantsRead else { return }
        wantsRead = machine.wantsInput
        loop.setInterest(fd, read: wantsRead, write: wantsWrite)
    }

    // MARK: Writing

    /// Sends as much of `outbound` as the socket takes; the rest waits for a writable event.
    ///
    /// A whole response with pipelined bytes already behind it goes out with `MSG_MORE`, so the
    /// answers to a run of pipelined requests leave in as few packets as they fill rather than one
    /// each. Every such run ends in `processInput` (the answer is followed by reading the next
    /// request), which pushes what the kernel holds once no more can be answered at once.
    func flush() {
        guard machine.phase != .closed else { return }
        let more =
            machine.isResponding && exchange?.streaming != true && exchange?.keepAlive == true
            && machine.parser.bufferedByteCount > 0
        let flags = Int32(MSG_NOSIGNAL) | (more ? Int32(MSG_MORE) : 0)
        if more { corked = true }
        var progressed = false
        while !outbound.isEmpty {
            var failure: Int32 = 0
            let sent = outbound.withFirstUnsent { buffer in
                let count = send(fd, buffer.baseAddress, buffer.count, flags)
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

    /// Sends what `MSG_MORE` left in the kernel: setting `TCP_NODELAY` (already on) pushes
    /// pending frames.
    private func pushCorked() {
        corked = false
        guard machine.phase != .closed else { return }
        var enable: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &enable, socklen_t(MemoryLayout<Int32>.size))
    }

    private func awaitWritable() {
        guard !wantsWrite else { return }
        wantsWrite = true
        loop.setInterest(fd, read: wantsRead, write: true)
    }

    private func stopAwaitingWritable() {
        guard wantsWrite else { return }
        wantsWrite = false
        loop.setInterest(fd, read: wantsRead, write: false)
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
        guard machine.phase != .closed else { return }
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
