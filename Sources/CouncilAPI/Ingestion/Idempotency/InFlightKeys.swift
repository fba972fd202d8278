import Synchronization

/// The idempotency keys whose requests are being processed now.
///
/// Held in memory, not in the database: one process owns the store's only writer, so every
/// request that could write under a key passes through here, and a key is never stuck "in
/// flight" after a crash (the memory is gone with the process; nothing was committed without
/// its answer, which is saved in the same transaction).
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
