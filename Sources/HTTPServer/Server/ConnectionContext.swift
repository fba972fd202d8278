import Dispatch
import Synchronization

/// What every connection of one server shares.
///
/// Passed to connections instead of the server itself so that a connection cannot reach the
/// listener or the registry except through the one callback it needs.
final class ConnectionContext: Sendable {
    let configuration: ServerConfiguration
    let responder: any HTTPResponder
    let logger: ServerLogger
    /// Runs the handlers of safe methods (reads, health checks).
    let workers: WorkerPool
    /// Runs the handlers of every other method (writes), so queued writes never take the threads
    /// reads need.
    let writeWorkers: WorkerPool
    /// Called once per connection, on the connection's loop, after it closed.
    let connectionClosed: @Sendable (Int) -> Void
    let requestsServed = Atomic<Int>(0)
    /// The bytes of bodies spooled at once, over every connection.
    let spoolBudget: SpoolBudget
    /// The event loops connections are spread over (`EventLoop.shared`).
    private let loops: [EventLoop]

    init(
        configuration: ServerConfiguration, responder: any HTTPResponder, logger: ServerLogger,
        workers: WorkerPool, writeWorkers: WorkerPool, connectionClosed: @escaping @Sendable (Int) -> Void
    ) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        self.workers = workers
        self.writeWorkers = writeWorkers
        self.spoolBudget = SpoolBudget(limit: configuration.maxSpoolBytes)
        self.connectionClosed = connectionClosed
        self.loops = EventLoop.shared
    }

    /// The pool that runs the handler of a request with `method`.
    func pool(for method: HTTPMethod) -> WorkerPool {
        method.isSafe ? workers : writeWorkers
    }

    func stopWorkers() {
        workers.stop()
        writeWorkers.stop()
    }

    /// The loop connection `id` lives on. `HTTPServer.start` has checked there is one.
    func loop(for id: Int) -> EventLoop {
        loops[id % loops.count]
    }
}
