import Synchronization

/// Whether the service may take traffic: false until migrations are applied (and the demo data
/// loaded), so `/readyz` can tell an orchestrator when to route requests here.
public final class Readiness: Sendable {
    private let ready = Atomic<Bool>(false)

    public init(ready: Bool = false) {
        self.ready.store(ready, ordering: .relaxed)
    }

    public var isReady: Bool { ready.load(ordering: .acquiring) }

    public func markReady() { ready.store(true, ordering: .releasing) }
}
