/// The rules of one HTTP/1.1 connection as a value: its phase, its deadlines, when it reads, when a
/// request starts and ends, and what follows a response.
///
/// `Connection` does the I/O (the socket, Dispatch sources, the worker pool) and asks this value
/// what to do; the value does no I/O and reads no clock (each event carries its instant). So every
/// rule can be tested by feeding bytes and instants, without sockets or sleeping, and faster I/O
/// code cannot quietly change a rule: the header deadline of a first request counts from the
/// accept, a body times out on a stall rather than its length, a response is written before the
/// next pipelined request starts, the connection lingers after its last response, a drain closes
/// only idle connections at once, and a client that stops reading is dropped.
struct ConnectionMachine {
    enum Phase: Equatable, Sendable {
        /// Waiting for the first byte of the next request.
        case idle
        /// Some of a request head has arrived.
        case head
        /// The head is parsed; the body (if any) is arriving.
        case body
        /// The handler is running or its response is being written.
        case responding
        /// The final response is sent and the write side shut; input is discarded until the peer
        /// closes or the linger deadline passes.
        case lingering
        case closed
    }

    enum ReadDeadline: Equatable, Sendable {
        /// Just accepted: the first request's header section is due within the header timeout of
        /// the accept, so a connection that never speaks is cheap to hold. Expiry closes without
        /// a response (nothing was asked).
        case accepted
        case idle, header, body, linger
    }

    /// What the parser found, as the connection must act on it.
    enum InputStep {
        case head(RequestHead)
        case body([UInt8])
        /// The request is complete: hand it to a handler.
        case complete
        /// The input cannot be parsed: answer this error, then close.
        case malformed(HTTPError)
    }

    /// What follows once a response has been written whole.
    enum AfterResponse: Equatable {
        /// Read the next request (the caller asks `nextInput` at once: it may be buffered).
        case nextRequest
        /// Shut the write side, then discard input until the peer closes or the linger deadline.
        case halfCloseAndLinger
        /// Shut the write side and close: the peer has already finished sending.
        case halfCloseAndClose
    }

    /// What a timer firing at some instant means.
    enum TimerOutcome: Equatable {
        case nothingDue
        /// Close without answering (an idle, silent or lingering connection, or a stalled reader).
        case close
        /// Answer 408 and close (a head or body that did not arrive in time).
        case requestTimeout
    }

    struct Timeouts: Sendable {
        var header: Duration
        var idle: Duration
        var body: Duration
        var linger: Duration
        var write: Duration

        init(header: Duration, idle: Duration, body: Duration, linger: Duration, write: Duration) {
            self.header = header
            self.idle = idle
            self.body = body
            self.linger = linger
            self.write = write
        }

        init(_ configuration: ServerConfiguration) {
            self.init(
                header: configuration.headerTimeout, idle: configuration.idleTimeout,
                body: configuration.bodyTimeout, linger: configuration.lingerTimeout,
                write: configuration.writeTimeout)
        }
    }

    /// Bytes of following requests read ahead while a response is being produced; past this,
    /// reading pauses until the response is written, so a client cannot make the server buffer
    /// without bound. Reading ahead means a client that waits for each answer (the usual case)
    /// costs no pause and resume of the read source per request.
    static let defaultReadAheadLimit = 64 * 1024

    private(set) var phase = Phase.idle
    private(set) var parser: RequestParser
    private(set) var readDeadline: (at: MonotonicInstant, kind: ReadDeadline)?
    private(set) var writeDeadline: MonotonicInstant?
    /// When the last bytes of the current body arrived: the body deadline moves with them.
    private var lastBodyProgress: MonotonicInstant?
    /// A complete response is queued; what follows is decided once it is written.
    private(set) var awaitingDrain = false
    private(set) var closeAfterResponse = false
    /// The head was answered without reading its body: the rest of the input cannot be framed.
    private(set) var bodyUnread = false
    /// The server is shutting down: answer what is in progress with `Connection: close`.
    private(set) var draining = false
    /// The client shut its write side: answer what was received, then close.
    private(set) var peerFinishedSending = false
    let timeouts: Timeouts
    let readAheadLimit: Int

    init(limits: ParserLimits, timeouts: Timeouts, readAheadLimit: Int = ConnectionMachine.defaultReadAheadLimit) {
        self.parser = RequestParser(limits: limits)
        self.timeouts = timeouts
        self.readAheadLimit = readAheadLimit
    }

    // MARK: Input

    /// The connection was accepted at `now`.
    mutating func accepted(at now: MonotonicInstant) {
        setReadDeadline(.accepted, at: now)
    }

    /// Whether the socket should be watched for input now. Lingering connections read (and
    /// discard); a responding one reads ahead up to `readAheadLimit`; none reads after the end of
    /// input, which would be reported readable forever.
    var wantsInput: Bool {
        guard !peerFinishedSending else { return false }
        switch phase {
        case .idle, .head, .body, .lingering: return true
        case .responding: return parser.bufferedByteCount < readAheadLimit
        case .closed: return false
        }
    }

    /// Input is to be read and dropped: the final response has been sent.
    var discardsInput: Bool { phase == .lingering }

    /// Bytes arrived at `now`.
    mutating func received(_ bytes: UnsafeRawBufferPointer, at now: MonotonicInstant) {
        guard phase != .closed, phase != .lingering else { return }
        parser.append(bytes)
        if phase == .idle {
            phase = .head
            startHeaderDeadline(at: now)
        }
    }

    /// The client shut its write side (a read returned 0).
    mutating func peerFinished() {
        peerFinishedSending = true
    }

    /// The next step of the request being read, or nil when more bytes are needed or no request
    /// may be read now (a response is in progress).
    mutating func nextInput(at now: MonotonicInstant) -> InputStep? {
        guard phase == .idle || phase == .head || phase == .body else { return nil }
        let event: ParseEvent?
        do {
            event = try parser.next()
        } catch {
            // Input after a framing error cannot be trusted: nothing more is read, and the
            // answer to it closes the connection.
            phase = .responding
            readDeadline = nil
            bodyUnread = true
            return .malformed(HTTPError(error))
        }
        guard let event else {
            if phase == .idle && parser.bufferedByteCount > 0 {
                phase = .head
                startHeaderDeadline(at: now)
            }
            return nil
        }
        switch event {
        case .head(let head):
            phase = .body
            return .head(head)
        case .body(let bytes):
            lastBodyProgress = now
            return .body(bytes)
        case .end:
            phase = .responding
            readDeadline = nil
            return .complete
        }
    }

    /// The head announced a body that will be read: it is due within the body timeout, counted
    /// from now and then from its last bytes.
    mutating func expectBody(at now: MonotonicInstant) {
        lastBodyProgress = nil
        setReadDeadline(.body, at: now)
    }

    /// The head is answered without reading its body; the connection closes after the answer.
    mutating func refuseHead() {
        guard phase == .body else { return }
        phase = .responding
        readDeadline = nil
        bodyUnread = true
    }

    /// Input ended as soon as it could be answered: the client finished sending and no request is
    /// in progress, so the connection closes now.
    var inputExhausted: Bool {
        peerFinishedSending && (phase == .idle || phase == .head || phase == .body)
    }

    // MARK: Output

    /// Whether a response may be written for the current request.
    var isResponding: Bool { phase == .responding }

    /// An answer that does not come from a handler (malformed input, a timeout, a body too large):
    /// it is written, then the connection closes. False when there is no one to answer (the
    /// connection is already closing).
    mutating func beginEarlyAnswer() -> Bool {
        guard phase != .closed, phase != .lingering else { return false }
        phase = .responding
        readDeadline = nil
        bodyUnread = true
        return true
    }

    /// Whether the response to `head` may keep the connection open (before the handler's own
    /// `Connection: close`).
    func keepsAlive(_ head: RequestHead) -> Bool {
        head.keepAlive && !draining && !bodyUnread
    }

    /// A complete response is queued (or the final chunk of a stream).
    mutating func responseQueued(keepAlive: Bool) {
        closeAfterResponse = !keepAlive || bodyUnread || draining
        awaitingDrain = true
    }

    /// Output could not all be written at `now`: the client has the write timeout to read more,
    /// counted again whenever some of it was taken.
    mutating func outputBlocked(progressed: Bool, at now: MonotonicInstant) {
        if progressed || writeDeadline == nil {
            writeDeadline = now + timeouts.write
        }
    }

    /// Everything queued has been written at `now`. Returns what follows when that completed a
    /// response, nil otherwise (a stream's chunk, a `100 Continue`).
    mutating func outputDrained(at now: MonotonicInstant) -> AfterResponse? {
        writeDeadline = nil
        guard awaitingDrain, phase == .responding else { return nil }
        awaitingDrain = false
        bodyUnread = false
        if closeAfterResponse || draining {
            phase = .lingering
            if peerFinishedSending { return .halfCloseAndClose }
            setReadDeadline(.linger, at: now)
            return .halfCloseAndLinger
        }
        phase = parser.bufferedByteCount > 0 ? .head : .idle
        setReadDeadline(phase == .head ? .header : .idle, at: now)
        return .nextRequest
    }

    // MARK: Shutdown

    /// The server began shutting down. Returns true when the connection should close now (it is
    /// idle); a busy one answers its request with `Connection: close`.
    mutating func beginDrain() -> Bool {
        draining = true
        return phase == .idle
    }

    /// The connection is closed: everything is released and no event changes it again.
    mutating func closed() {
        phase = .closed
        readDeadline = nil
        writeDeadline = nil
        lastBodyProgress = nil
        awaitingDrain = false
        parser = RequestParser(limits: parser.limits)
    }

    // MARK: Deadlines

    /// The earliest instant at which `timerFired` may have something to do.
    var nextDeadline: MonotonicInstant? {
        switch (readDeadline?.at, writeDeadline) {
        case (let read?, let write?): return min(read, write)
        case (let read?, nil): return read
        case (nil, let write?): return write
        case (nil, nil): return nil
        }
    }

    /// A timer fired at `now`. Safe at any instant: early firings find nothing due.
    mutating func timerFired(at now: MonotonicInstant) -> TimerOutcome {
        guard phase != .closed else { return .nothingDue }
        if let writeDeadline, writeDeadline <= now {
            // The client stopped reading; drop it and what was queued for it.
            return .close
        }
        guard let deadline = readDeadline else { return .nothingDue }
        if deadline.kind == .body, let last = lastBodyProgress, last + timeouts.body > now {
            // Bytes came since the deadline was set: the body is slow, not stalled.
            readDeadline = (last + timeouts.body, .body)
            return .nothingDue
        }
        guard deadline.at <= now else { return .nothingDue }
        readDeadline = nil
        switch deadline.kind {
        case .accepted, .idle, .linger: return .close
        case .header, .body: return .requestTimeout
        }
    }

    /// The first bytes of a request arrived: its header section is due within the header
    /// timeout, counted from the accept for the first request and from now for later ones.
    private mutating func startHeaderDeadline(at now: MonotonicInstant) {
        if let deadline = readDeadline, deadline.kind == .accepted {
            readDeadline = (deadline.at, .header)
        } else {
            setReadDeadline(.header, at: now)
        }
    }

    private mutating func setReadDeadline(_ kind: ReadDeadline, at now: MonotonicInstant) {
        let timeout: Duration =
            switch kind {
            case .idle: timeouts.idle
            case .accepted, .header: timeouts.header
            case .body: timeouts.body
            case .linger: timeouts.linger
            }
        readDeadline = (now + timeout, kind)
    }
}
