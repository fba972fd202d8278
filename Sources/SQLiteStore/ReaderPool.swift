import Dispatch
import Synchronization

/// Read-only connections lent one at a time, opened on first need up to a maximum.
///
/// A semaphore bounds how many are out; a mutex guards the idle list and counters. Opening
/// lazily means a small process never pays for readers it does not use, and a reader that
/// fails to open costs the one `read` that asked, not the whole pool.
final class ReaderPool: Sendable {
    private struct State {
        var idle: [ConnectionSlot] = []
        var opened = 0
        var reads = 0
        var waits = 0
        var waitingNow = 0
        var totalWait: Duration = .zero
        var isClosed = false
    }

    let maximumCount: Int
    private let permits: DispatchSemaphore
    private let state = Mutex(State())
    private let openConnection: @Sendable () throws -> Connection

    init(maximumCount: Int, openConnection: @escaping @Sendable () throws -> Connection) {
        self.maximumCount = max(maximumCount, 1)
        self.permits = DispatchSemaphore(value: self.maximumCount)
        self.openConnection = openConnection
    }

    /// Lends a reader to `body`, waiting for one if all are busy.
    func withReader<T>(_ body: (Connection) throws -> T) throws -> T {
        if permits.wait(timeout: .now()) == .timedOut {
            let start = ContinuousClock.now
            state.withLock { $0.waitingNow += 1 }
            permits.wait()
            let waited = ContinuousClock.now - start
            state.withLock {
                $0.waitingNow -= 1
                $0.waits += 1
                $0.totalWait += waited
            }
        }
        defer { permits.signal() }

        let (idleSlot, isClosed) = state.withLock { state -> (ConnectionSlot?, Bool) in
            state.reads += 1
            return (state.idle.popLast(), state.isClosed)
        }
        guard !isClosed else { throw SQLiteError.misuse("the database pool is closed") }
        let slot = try idleSlot ?? openSlot()
        defer { state.withLock { $0.idle.append(slot) } }
        guard let connection = slot.connection else { throw SQLiteError.misuse("the database pool is closed") }
        return try body(connection)
    }

    private func openSlot() throws -> ConnectionSlot {
        let slot = ConnectionSlot(try openConnection())
        state.withLock { $0.opened += 1 }
        return slot
    }

    /// Closes every idle reader and refuses further reads.
    func close() {
        let slots = state.withLock { state -> [ConnectionSlot] in
            state.isClosed = true
            defer { state.idle.removeAll() }
            return state.idle
        }
        for slot in slots { slot.close() }
    }

    var counters: (reads: Int, waits: Int, waitingNow: Int, totalWait: Duration, opened: Int) {
        state.withLock { ($0.reads, $0.waits, $0.waitingNow, $0.totalWait, $0.opened) }
    }
}
