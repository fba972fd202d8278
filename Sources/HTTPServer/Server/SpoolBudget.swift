import Synchronization

/// The bytes of request bodies spooled to the temporary folder at once, across every connection.
///
/// Per-request limits (`maxBodyBytes`, a route's own) bound one upload; this bounds them all
/// together, so sixteen slow uploads cannot fill the disk between them. A body that would take
/// the total past `limit` is refused with 503 and `Retry-After`, and its bytes are given back;
/// every spooled body gives its bytes back when its file is deleted.
final class SpoolBudget: Sendable {
    let limit: Int
    private let used = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Takes `count` bytes from the budget; false (taking nothing) when they do not fit.
    func reserve(_ count: Int) -> Bool {
        var current = used.load(ordering: .relaxed)
        while true {
            guard count <= limit - current else { return false }
            let (exchanged, original) = used.compareExchange(
                expected: current, desired: current + count, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    func release(_ count: Int) {
        used.wrappingSubtract(count, ordering: .relaxed)
    }

    var inUse: Int { used.load(ordering: .relaxed) }
}
