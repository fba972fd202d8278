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
    let workers: WorkerPool
    /// Called once per connection, on the connection's queue, after it closed.
    let connectionClosed: @Sendable (Int) -> Void
    let requestsServed = Atomic<Int>(0)
    /// The few serial queues all connection queues target, so Dispatch never needs more threads
    /// than there are cores for I/O however many connections are open.
    private let ioQueues: [DispatchQueue]

    init(
        configuration: ServerConfiguration, responder: any HTTPResponder, logger: ServerLogger,
        workers: WorkerPool, connectionClosed: @escaping @Sendable (Int) -> Void
    ) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        self.workers = workers
        self.connectionClosed = connectionClosed
        let count = max(2, ServerConfiguration.processorCount())
        ioQueues = (0..<count).map { DispatchQueue(label: "HTTPServer.io-\($0)") }
    }

    func makeConnectionQueue(for id: Int) -> DispatchQueue {
        DispatchQueue(label: "HTTPServer.connection-\(id)", target: ioQueues[id % ioQueues.count])
    }
}
