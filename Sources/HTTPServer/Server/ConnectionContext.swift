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
    /// Called once per connection, on the connection's queue, after it closed.
    let connectionClosed: @Sendable (Int) -> Void
    let requestsServed = Atomic<Int>(0)
    /// The bytes of bodies spooled at once, over every connection.
    let spoolBudget: SpoolBudget
    /// The few serial queues all connection queues target, so Dispatch never needs more threads
    /// than there are cores for I/O however many connections are open.
    private let ioQueues: [DispatchQueue]
    /// One read buffer per I/O queue (see `ReadBuffer` for why sharing it is sound).
    private let readBuffers: [ReadBuffer]

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
        let count = max(2, ServerConfiguration.processorCount())
        ioQueues = (0..<count).map { DispatchQueue(label: "HTTPServer.io-\($0)") }
        readBuffers = (0..<count).map { _ in ReadBuffer() }
    }

    /// The pool that runs the handler of a request with `method`.
    func pool(for method: HTTPMethod) -> WorkerPool {
        method.isSafe ? workers : writeWorkers
    }

    func stopWorkers() {
        workers.stop()
        writeWorkers.stop()
    }

    func makeConnectionQueue(for id: Int) -> DispatchQueue {
        DispatchQueue(label: "HTTPServer.connection-\(id)", target: ioQueues[id % ioQueues.count])
    }

    /// The read buffer of the I/O queue that connection `id`'s queue targets: use it only on
    /// that connection's queue.
    func readBuffer(for id: Int) -> ReadBuffer {
        readBuffers[id % readBuffers.count]
    }
}
