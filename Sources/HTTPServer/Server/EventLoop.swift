import CLinux
import Dispatch
import Foundation
import Glibc
import Synchronization

/// A thread that waits on epoll for its connections' sockets and runs, one at a time, their
/// handlers and the work other threads hand it.
///
/// Why not Dispatch read sources: their handlers run on a Dispatch worker after Dispatch's own
/// epoll thread has seen the event, so every request on a keep-alive connection paid a thread
/// hand-off. Here the thread that learns a socket is readable reads it, answers a request that
/// can be answered in place (`/healthz`), and writes the answer. A worker's finished response
/// arrives through `execute`, which wakes the loop with an eventfd.
///
/// Everything but `pending` is touched only on the loop's own thread, which is why the class is
/// `@unchecked Sendable`; `pending` is behind a mutex.
final class EventLoop: @unchecked Sendable {
    /// What a registered descriptor's owner does when the socket is ready.
    struct Handlers {
        let readable: () -> Void
        let writable: () -> Void
    }

    private struct Registration {
        let handlers: Handlers
        /// The epoll events asked for; 0 means the descriptor is out of the epoll set, so a
        /// hang-up (which epoll reports whatever was asked) cannot wake the loop in a spin while
        /// its owner wants nothing.
        var interest: UInt32
    }

    /// The loops every server of the process shares, one per core (at least two), as Dispatch's
    /// I/O queues were: started on first use and never stopped. Empty only if the system refused
    /// an epoll or eventfd descriptor (or a thread-specific key), which `HTTPServer.start` reports.
    static let shared: [EventLoop] = (0..<max(2, ServerConfiguration.processorCount())).compactMap {
        EventLoop(name: "HTTPServer.loop-\($0)")
    }

    /// The memory this loop's sockets are read into (see `ReadBuffer`).
    let readBuffer = ReadBuffer()

    private let epollFD: Int32
    private let wakeFD: Int32
    private let pending = Mutex<[@Sendable () -> Void]>([])
    private var registrations: [Int32: Registration] = [:]
    /// Log lines written on this loop's thread, per descriptor, not yet written out (see
    /// `bufferLogLine`).
    private var logLines: [Int32: [UInt8]] = [:]

    private static let readEvents = EPOLLIN.rawValue
    private static let writeEvents = EPOLLOUT.rawValue
    private static let failureEvents = EPOLLERR.rawValue | EPOLLHUP.rawValue

    private init?(name: String) {
        // Without the thread-specific key a loop could not tell its own thread (`isCurrent`).
        guard Self.currentKey != nil else { return nil }
        let epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { return nil }
        let wakeFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard wakeFD >= 0 else {
            Glibc.close(epollFD)
            return nil
        }
        var event = epoll_event()
        event.events = Self.readEvents
        event.data.u64 = UInt64(UInt32(bitPattern: wakeFD))
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event) == 0 else {
            Glibc.close(wakeFD)
            Glibc.close(epollFD)
            return nil
        }
        self.epollFD = epollFD
        self.wakeFD = wakeFD
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// The loop whose thread the caller is on, if any. A thread-specific value rather than a
    /// look through `shared`, which would start the loops in a process that never serves (the
    /// import commands log through the same code).
    static var current: EventLoop? {
        guard let key = currentKey, let loop = pthread_getspecific(key) else { return nil }
        return Unmanaged<EventLoop>.fromOpaque(loop).takeUnretainedValue()
    }

    private static let currentKey: pthread_key_t? = {
        var key = pthread_key_t()
        return pthread_key_create(&key, nil) == 0 ? key : nil
    }()

    /// Whether the caller is on this loop's thread.
    var isCurrent: Bool { Self.current === self }

    /// Runs `work` on the loop's thread, after what is already queued. From another thread it
    /// wakes the loop; from the loop itself it runs before the loop next waits.
    func execute(_ work: @escaping @Sendable () -> Void) {
        let wasEmpty = pending.withLock { queue in
            queue.append(work)
            return queue.count == 1
        }
        if wasEmpty && !isCurrent {
            var one: UInt64 = 1
            _ = Glibc.write(wakeFD, &one, MemoryLayout<UInt64>.size)
        }
    }

    /// Runs `body` on the loop's thread and returns its result; the caller waits. Never to be
    /// called from a handler that the loop is running for another loop's connection: callers are
    /// worker threads (a streaming producer).
    func sync<Value>(_ body: () -> Value) -> Value {
        if isCurrent { return body() }
        return withoutActuallyEscaping(body) { body in
            let call = SyncCall(body)
            execute { call.run() }
            return call.waitForResult()
        }
    }

    // MARK: Descriptors (on the loop's thread only)

    /// Starts watching `fd`, for input when `read` is true.
    func register(_ fd: Int32, read: Bool, handlers: Handlers) {
        registrations[fd] = Registration(handlers: handlers, interest: 0)
        setInterest(fd, read: read, write: false)
    }

    /// Changes what `fd` is watched for; a system call only when that changes.
    func setInterest(_ fd: Int32, read: Bool, write: Bool) {
        guard var registration = registrations[fd] else { return }
        let wanted = (read ? Self.readEvents : 0) | (write ? Self.writeEvents : 0)
        guard wanted != registration.interest else { return }
        let operation =
            registration.interest == 0 ? EPOLL_CTL_ADD : wanted == 0 ? EPOLL_CTL_DEL : EPOLL_CTL_MOD
        var event = epoll_event()
        event.events = wanted
        event.data.u64 = UInt64(UInt32(bitPattern: fd))
        _ = epoll_ctl(epollFD, operation, fd, &event)
        registration.interest = wanted
        registrations[fd] = registration
    }

    /// Stops watching `fd` and forgets its handlers; the caller closes it afterwards, so a new
    /// connection given the same number can never be mistaken for this one.
    func deregister(_ fd: Int32) {
        guard let registration = registrations.removeValue(forKey: fd) else { return }
        if registration.interest != 0 {
            var event = epoll_event()
            _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, &event)
        }
    }

    // MARK: Log lines (on the loop's thread only)

    /// Holds a log line (with its newline) for `fd` until the loop has run what this wake-up
    /// brought, so a run of requests answered in place costs one `write(2)` for all their access
    /// lines rather than one each. Writes stay within `PIPE_BUF`, so a line from another thread
    /// can never land inside them; nothing is held while the loop waits.
    func bufferLogLine(_ line: [UInt8], to fd: Int32) {
        var buffer = logLines[fd] ?? []
        if !buffer.isEmpty && buffer.count + line.count > Self.atomicWriteLimit {
            _ = SystemCalls.writeAll(fd, buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        if line.count >= Self.atomicWriteLimit {
            _ = SystemCalls.writeAll(fd, line)
        } else {
            buffer.append(contentsOf: line)
        }
        logLines[fd] = buffer
    }

    /// `PIPE_BUF` on Linux: the most one `write(2)` to a pipe puts down without interleaving.
    private static let atomicWriteLimit = 4096

    private func writeLogLines() {
        for (fd, buffer) in logLines where !buffer.isEmpty {
            _ = SystemCalls.writeAll(fd, buffer)
            logLines[fd]?.removeAll(keepingCapacity: true)
        }
    }

    // MARK: The loop

    private func run() {
        if let key = Self.currentKey {
            // Unretained: a loop lives as long as the process (`shared` holds it).
            _ = pthread_setspecific(key, Unmanaged.passUnretained(self).toOpaque())
        }
        let capacity = 128
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        while true {
            let count = epoll_wait(epollFD, events, Int32(capacity), -1)
            if count < 0 {
                if errno == EINTR { continue }
                return  // only a closed or invalid epoll descriptor gets here; neither happens
            }
            for index in 0..<Int(count) {
                let fired = events[index].events
                let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: events[index].data.u64))
                if fd == wakeFD {
                    var value: UInt64 = 0
                    _ = Glibc.read(wakeFD, &value, MemoryLayout<UInt64>.size)
                    continue
                }
                dispatchEvents(fired, for: fd)
            }
            runPending()
            writeLogLines()
        }
    }

    /// Calls the handlers `fired` asks for, each only while its interest stands: a readable
    /// handler may close the connection, or stop wanting output, before the writable one runs.
    private func dispatchEvents(_ fired: UInt32, for fd: Int32) {
        if fired & (Self.readEvents | Self.failureEvents) != 0, let registration = registrations[fd],
            registration.interest & Self.readEvents != 0
        {
            registration.handlers.readable()
        }
        if fired & (Self.writeEvents | Self.failureEvents) != 0, let registration = registrations[fd],
            registration.interest & Self.writeEvents != 0
        {
            registration.handlers.writable()
        }
    }

    /// Runs what other threads (and the handlers just run) handed over, until nothing is left.
    private func runPending() {
        while true {
            let work = pending.withLock { queue in
                let taken = queue
                queue.removeAll(keepingCapacity: true)
                return taken
            }
            if work.isEmpty { return }
            for item in work { item() }
        }
    }
}

/// One `EventLoop.sync` call: the body, run on the loop, and its value, waited for by the
/// caller. The semaphore orders the write of `value` before its read. The body is dropped before
/// the caller is released, as `withoutActuallyEscaping` requires.
private final class SyncCall<Value>: @unchecked Sendable {
    private var body: (() -> Value)?
    private var value: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping () -> Value) {
        self.body = body
    }

    func run() {
        value = body?()
        body = nil
        done.signal()
    }

    func waitForResult() -> Value {
        done.wait()
        guard let value else { preconditionFailure("EventLoop.sync: the loop signalled without running the body") }
        return value
    }
}
