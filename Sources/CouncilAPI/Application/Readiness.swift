import Synchronization

/// Whether the service may take traffic: false until migrations are applied (and the demo data
/// loaded), so `/readyz` can tell an orchestrator when to route requests here; and false again
/// from the moment a graceful shutdown begins, so a load balancer stops sending new requests
/// while those in flight (and on open connections) are still answered.
public final class Readiness: Sendable {
    private let ready = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)

    public init(ready: Bool = false) {
        self.ready.store(ready, ordering: .relaxed)
    }

    /// The store is prepared: the API may answer (also while draining).
    public var isReady: Bool { ready.load(ordering: .acquiring) }

    /// What `/readyz` says: prepared and not shutting down.
    public var acceptsTraffic: Bool { isReady && !stopping.load(ordering: .acquiring) }

    public func markReady() { ready.store(true, ordering: .releasing) }

    public func markStopping() { stopping.store(true, ordering: .releasing) }
}
