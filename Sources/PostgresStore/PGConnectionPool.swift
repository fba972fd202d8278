import Dispatch
import Synchronization

/// Connections lent one at a time, opened on first need up to `poolSize`, and replaced when
/// the server went away.
///
/// A semaphore bounds how many are out; a mutex guards the idle list and counters. Opening
/// lazily means an instance starts (and listens) while PostgreSQL is still down, and a
/// connection that failed is dropped instead of returned, so the pool heals by itself once the
/// server is back: when one connection is found broken every idle one is dropped too, since a
/// server restart breaks them all at once and each would otherwise fail one request.
final class PGConnectionPool: Sendable {
    private struct State {
        var idle: [PGConnectionSlot] = []
        var open = 0
        var borrows = 0
        var waits = 0
        var totalWait: Duration = .zero
        var isClosed = false
    }

    let configuration: PGConfiguration
    private let permits: DispatchSemaphore
    private let state = Mutex(State())

    init(configuration: PGConfiguration) {
        self.configuration = configuration
        self.permits = DispatchSemaphore(value: configuration.poolSize)
    }

    /// Lends a connection to `body`, waiting up to `acquireTimeout` for one.
    func withConnection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try acquirePermit()
        defer { permits.signal() }
        let slot = try takeSlot()
        do {
            let result = try body(slot.connection)
            give(back: slot)
            return result
        } catch {
            give(back: slot)
            throw error
        }
    }

    private func acquirePermit() throws {
        guard permits.wait(timeout: .now()) == .timedOut else { return }
        let start = ContinuousClock.now
        let components = configuration.acquireTimeout.components
        let nanoseconds = Int(components.seconds) * 1_000_000_000 + Int(components.attoseconds / 1_000_000_000)
        let outcome = permits.wait(timeout: .now() + .nanoseconds(nanoseconds))
        let waited = ContinuousClock.now - start
        state.withLock {
            $0.waits += 1
            $0.totalWait += waited
        }
        if outcome == .timedOut {
            throw PGError(
                sqlState: "53300",
                message:
                    "no free database connection within \(configuration.acquireTimeout) (pool of \(configuration.poolSize))"
            )
        }
    }

    private func takeSlot() throws -> PGConnectionSlot {
        let (idle, isClosed) = state.withLock { state -> (PGConnectionSlot?, Bool) in
            state.borrows += 1
            return (state.idle.popLast(), state.isClosed)
        }
        guard !isClosed else { throw PGError.misuse("the database pool is closed") }
        if let idle { return idle }
        let connection = try PGConnection(
            url: configuration.url, schema: configuration.schema,
            connectTimeoutSeconds: configuration.connectTimeoutSeconds)
        state.withLock { $0.open += 1 }
        return PGConnectionSlot(connection)
    }

    private func give(back slot: PGConnectionSlot) {
        let healthy = slot.connection.isHealthy && !slot.connection.isInTransaction
        let dropped = state.withLock { state -> [PGConnectionSlot] in
            if healthy && !state.isClosed {
                state.idle.append(slot)
                return []
            }
            // One broken connection: the server restarted or the network failed, and every idle
            // connection is as dead. Drop them all, so the next borrowers connect afresh.
            let stale = state.idle + [slot]
            state.idle.removeAll()
            state.open -= stale.count
            return stale
        }
        _ = dropped  // released here, outside the lock (PQfinish may block briefly)
    }

    /// Drops every idle connection now (after a connection failure the caller will retry).
    func dropIdle() {
        let stale = state.withLock { state -> [PGConnectionSlot] in
            defer { state.idle.removeAll() }
            state.open -= state.idle.count
            return state.idle
        }
        _ = stale
    }

    func close() {
        state.withLock { $0.isClosed = true }
        dropIdle()
    }

    var counters: (borrows: Int, waits: Int, totalWait: Duration, open: Int) {
        state.withLock { ($0.borrows, $0.waits, $0.totalWait, $0.open) }
    }
}

/// Holds a connection that the pool moves between threads.
///
/// `PGConnection` is not `Sendable`, and rightly so: libpq connections are not thread-safe.
/// The pool's discipline makes the hand-off safe: a slot belongs to exactly one `withConnection`
/// call between leaving and re-entering the idle list, an invariant `PGConnectionPool` enforces
/// (under its mutex) rather than the compiler, hence `@unchecked`.
final class PGConnectionSlot: @unchecked Sendable {
    let connection: PGConnection

    init(_ connection: PGConnection) {
        self.connection = connection
    }
}
