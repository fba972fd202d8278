import Synchronization

/// Remembers computed answers for as long as the store revision stands.
///
/// Statistics are computed per request from the stored decisions, but a type group's figures
/// (every metropolitan borough in 2024-25, say) are the same for every council of that group and
/// change only when a write commits, which bumps the revision. Keyed by revision, an entry can
/// never be served after the data under it changed. The revision is read before computing, so a
/// write landing mid-computation only makes the entry look older than it is: a later miss, never
/// a stale hit.
final class RevisionMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        let revision: Int64
        let value: Value
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func value(for key: Key, revision: Int64, compute: () throws -> Value) rethrows -> Value {
        if let entry = entries.withLock({ $0[key] }), entry.revision == revision {
            return entry.value
        }
        let value = try compute()
        entries.withLock { entries in
            if entries.count >= capacity {
                // Entries of older revisions are dead; drop them first, then anything.
                entries = entries.filter { $0.value.revision >= revision }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = Entry(revision: revision, value: value)
        }
        return value
    }
}
