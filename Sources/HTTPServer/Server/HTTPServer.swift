import Dispatch
import Glibc
import Synchronization

/// A general HTTP/1.1 server on POSIX sockets and Dispatch.
///
/// I/O runs on a few Dispatch queues and never blocks; handlers run on a fixed pool of worker
/// threads and may block. That split is the whole design: the number of open connections costs
/// memory, never threads, and a slow handler delays only its own request.
///
/// Lifecycle: `start()` binds and begins accepting; `beginShutdown()` (or a signal installed with
/// `shutdownOnSignals`) stops accepting, closes idle connections and lets in-flight requests
/// finish within `drainTimeout`; `waitUntilStopped()` returns once every connection is closed.
public final class HTTPServer: Sendable {
    public let configuration: ServerConfiguration
    private let responder: any HTTPResponder
    private let logger: ServerLogger
    private let state = Mutex(State())
    /// Entered at start, left at stop; waiting on it is waiting for the server to stop.
    private let running = DispatchGroup()
    private let control = DispatchQueue(label: "HTTPServer.control")

    private enum Lifecycle {
        case created, starting, running, draining, stopped
    }

    private struct State {
        var lifecycle = Lifecycle.created
        var listener: Listener?
        var context: ConnectionContext?
        var connections: [Int: Connection] = [:]
        var nextConnectionID = 0
        var listenerClosed = false
        var accepted = 0
        var rejected = 0
        var port: Int?
        var signalSources: [SignalSource] = []
        /// Called once, when a graceful shutdown begins.
        var shutdownObservers: [@Sendable () -> Void] = []
    }

    public init(
        configuration: ServerConfiguration = ServerConfiguration(), responder: any HTTPResponder,
        logger: ServerLogger = .standardError
    ) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
    }

    /// The port actually bound (useful with port 0), or nil before `start`.
    public var port: Int? { state.withLock { $0.port } }

    public var stats: ServerStats {
        state.withLock { state in
            ServerStats(
                openConnections: state.connections.count, acceptedConnections: state.accepted,
                rejectedConnections: state.rejected,
                requestsServed: state.context?.requestsServed.load(ordering: .relaxed) ?? 0)
        }
    }

    /// Binds, listens and starts accepting; returns the bound port. A server starts at most once.
    @discardableResult
    public func start() throws(ServerStartError) -> Int {
        let claimed = state.withLock { state in
            guard state.lifecycle == .created else { return false }
            state.lifecycle = .starting
            return true
        }
        guard claimed else { throw ServerStartError("start", message: "the server was already started") }
        guard !EventLoop.shared.isEmpty else {
            throw ServerStartError("epoll_create1", message: "the system gave no epoll or eventfd descriptor")
        }
        // A peer that resets while we write must cost an EPIPE, not the process.
        signal(SIGPIPE, SIG_IGN)
        let workers = WorkerPool(threadCount: configuration.workerCount, name: "HTTPServer.worker")
        let writeWorkers = WorkerPool(threadCount: configuration.writeWorkerCount, name: "HTTPServer.write-worker")
        let context = ConnectionContext(
            configuration: configuration, responder: responder, logger: logger, workers: workers,
            writeWorkers: writeWorkers, connectionClosed: { [weak self] id in self?.connectionClosed(id) })
        let listener: Listener
        do {
            listener = try Listener(configuration: configuration, logger: logger) { [weak self] fd, peer in
                guard let self else {
                    close(fd)
                    return
                }
                accepted(fd, peer: peer)
            }
        } catch {
            workers.stop()
            writeWorkers.stop()
            state.withLock { $0.lifecycle = .created }
            throw error
        }
        running.enter()
        state.withLock { state in
            state.lifecycle = .running
            state.listener = listener
            state.context = context
            state.port = listener.port
        }
        listener.start()
        logger.event("info", "listening", ["host": configuration.host, "port": String(listener.port)])
        return listener.port
    }

    /// Runs `body` when a graceful shutdown begins (a signal, `beginShutdown`), before the listener
    /// closes: the application can stop saying it is ready, so a load balancer sends no more.
    public func whenShutdownBegins(_ body: @escaping @Sendable () -> Void) {
        state.withLock { $0.shutdownObservers.append(body) }
    }

    /// Stops accepting and drains; returns at once. Safe to call from any thread, more than once.
    public func beginShutdown() {
        let (listener, observers): (Listener?, [@Sendable () -> Void]) = state.withLock { state in
            guard state.lifecycle == .running else { return (nil, []) }
            state.lifecycle = .draining
            return (state.listener, state.shutdownObservers)
        }
        for observer in observers { observer() }
        guard let listener else { return }
        logger.event("info", "shutting down", ["open_connections": String(stats.openConnections)])
        listener.stop { [self] in
            let connections = state.withLock { state in
                state.listenerClosed = true
                return Array(state.connections.values)
            }
            for connection in connections { connection.beginDrain() }
            control.asyncAfter(deadline: .now() + configuration.drainTimeout.dispatchInterval) { [self] in
                forceCloseRemaining()
            }
            stopIfDrained()
        }
    }

    /// Whether a shutdown has begun (or the server has stopped); work started beside the server,
    /// such as waiting for a database, can give up when this turns true.
    public var isStopping: Bool { state.withLock { $0.lifecycle == .draining || $0.lifecycle == .stopped } }

    /// `beginShutdown()` then `waitUntilStopped()`.
    public func shutdown() {
        beginShutdown()
        waitUntilStopped()
    }

    /// Blocks until the server has stopped; returns at once if it never started.
    public func waitUntilStopped() {
        running.wait()
    }

    /// Blocks until the server has stopped or `timeout` passes; returns whether it stopped.
    public func waitUntilStopped(timeout: Duration) -> Bool {
        running.wait(timeout: .now() + timeout.dispatchInterval) == .success
    }

    /// Installs handlers so that these signals start a graceful shutdown instead of killing the
    /// process; `waitUntilStopped()` then returns and the program can exit with status 0.
    public func shutdownOnSignals(_ signals: [Int32] = [SIGTERM, SIGINT]) {
        for number in signals {
            // The default action would end the process before Dispatch saw the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: control)
            source.setEventHandler { [weak self] in
                self?.logger.event("info", "signal received", ["signal": String(number)])
                self?.beginShutdown()
            }
            source.activate()
            let installed = SignalSource(source: source)
            state.withLock { $0.signalSources.append(installed) }
        }
    }

    // MARK: Connections

    private enum Admission {
        case admitted(Connection)
        case atCapacity
        case refused
    }

    /// Runs on the listener's queue.
    private func accepted(_ fd: Int32, peer: String) {
        let admission: Admission = state.withLock { state in
            guard state.lifecycle == .running, let context = state.context else { return .refused }
            guard state.connections.count < configuration.maxConnections else {
                state.rejected += 1
                return .atCapacity
            }
            let id = state.nextConnectionID
            state.nextConnectionID += 1
            state.accepted += 1
            let connection = Connection(id: id, fd: fd, remoteAddress: peer, context: context)
            state.connections[id] = connection
            return .admitted(connection)
        }
        switch admission {
        case .admitted(let connection): connection.start()
        case .atCapacity: CapacityRejection.reject(fd, serverName: configuration.serverName)
        case .refused: close(fd)
        }
    }

    private func connectionClosed(_ id: Int) {
        let drained = state.withLock { state in
            state.connections[id] = nil
            return state.lifecycle == .draining && state.listenerClosed && state.connections.isEmpty
        }
        if drained { stopIfDrained() }
    }

    private func forceCloseRemaining() {
        let remaining = state.withLock { state in
            state.lifecycle == .draining ? Array(state.connections.values) : []
        }
        if !remaining.isEmpty {
            logger.event("warning", "drain timeout: closing connections", ["count": String(remaining.count)])
        }
        for connection in remaining { connection.forceClose() }
    }

    private func stopIfDrained() {
        let context: ConnectionContext?? = state.withLock { state in
            guard state.lifecycle == .draining, state.listenerClosed, state.connections.isEmpty else { return nil }
            state.lifecycle = .stopped
            state.listener = nil
            for installed in state.signalSources { installed.source.cancel() }
            state.signalSources = []
            return .some(state.context)
        }
        guard let context else { return }
        context?.stopWorkers()
        logger.event("info", "stopped")
        running.leave()
    }
}

/// A signal source kept only to be cancelled; Dispatch sources are thread-safe to cancel, but the
/// Linux overlay does not mark them `Sendable`.
private struct SignalSource: @unchecked Sendable {
    let source: any DispatchSourceSignal
}
