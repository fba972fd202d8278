/// Holds a connection that the pool moves between threads.
///
/// `Connection` is not `Sendable`, and rightly so. The pool's discipline is what makes the
/// hand-off safe: the writer's slot is only touched on the writer queue, and a reader's slot
/// belongs to one `read` call between leaving and re-entering the idle list. That invariant
/// is enforced by `DatabasePool` and `ReaderPool`, not by the compiler, hence `@unchecked`.
final class ConnectionSlot: @unchecked Sendable {
    private(set) var connection: Connection?

    init(_ connection: Connection) {
        self.connection = connection
    }

    /// Closes the connection now (its deinit runs), for a pool that is going away.
    func close() {
        connection = nil
    }
}
