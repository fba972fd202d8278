import Dispatch
import Foundation
import Synchronization

/// A fixed set of threads that run request handlers.
///
/// Handlers are synchronous and may block (SQLite, disk), so they must not run on Dispatch's
/// shared queues, whose threads the I/O depends on. A fixed pool also means that a thousand open
/// connections never become a thousand threads: excess work waits in the queue instead.
final class WorkerPool: Sendable {
    typealias Job = @Sendable () -> Void

    private struct State {
        var jobs = JobQueue()
        var stopping = false
    }

    private let state = Mutex(State())
    /// Counts queued jobs plus one wake-up per thread at shutdown.
    private let available = DispatchSemaphore(value: 0)
    private let threadCount: Int

    init(threadCount: Int, name: String) {
        self.threadCount = max(1, threadCount)
        for index in 0..<self.threadCount {
            let thread = Thread { [self] in self.run() }
            thread.name = "\(name)-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Queues `job`; it is dropped if the pool is already stopping.
    func submit(_ job: @escaping Job) {
        let accepted = state.withLock { state in
            guard !state.stopping else { return false }
            state.jobs.push(job)
            return true
        }
        if accepted { available.signal() }
    }

    /// Lets each thread exit once the queue is empty; jobs already queued still run.
    func stop() {
        let wasStopping = state.withLock { state in
            defer { state.stopping = true }
            return state.stopping
        }
        guard !wasStopping else { return }
        for _ in 0..<threadCount { available.signal() }
    }

    private func run() {
        while true {
            available.wait()
            let next: Job?? = state.withLock { state in
                if let job = state.jobs.pop() { return .some(job) }
                return state.stopping ? .none : .some(nil)
            }
            switch next {
            case .none: return
            case .some(.none): continue
            case .some(.some(let job)): job()
            }
        }
    }
}

/// A FIFO of jobs that reuses its storage instead of shifting on every pop.
private struct JobQueue {
    private var storage: [WorkerPool.Job?] = []
    private var head = 0

    mutating func push(_ job: @escaping WorkerPool.Job) { storage.append(job) }

    mutating func pop() -> WorkerPool.Job? {
        guard head < storage.count else { return nil }
        let job = storage[head]
        storage[head] = nil
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return job
    }
}
