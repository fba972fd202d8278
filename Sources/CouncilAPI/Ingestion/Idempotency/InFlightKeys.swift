import Synchronization

/// The idempotency keys whose requests this process is processing now.
///
/// A fast path, not the guarantee: a second copy of a request that arrives while the first is
/// still running here gets a 409 at once instead of waiting for the writer. The guarantee that a
/// key writes once, across every instance, is the look-up inside the write transaction
/// (`WriteScope.commit`). Held in memory, a key is never stuck "in flight" after a crash.
final class InFlightKeys: Sendable {
    private let keys = Mutex<Set<String>>([])

    /// Claims `key`; false when another request holds it.
    func reserve(_ key: String) -> Bool {
        keys.withLock { $0.insert(key).inserted }
    }

    func release(_ key: String) {
        _ = keys.withLock { $0.remove(key) }
    }

    var count: Int { keys.withLock { $0.count } }
}
