import Dispatch
import Glibc
import Synchronization
import Testing

@testable import HTTPServer

/// The event loop's promises that connections rely on: work handed over from any thread runs on
/// the loop's thread, in the order each thread handed it over; `sync` returns what ran there; a
/// registered socket's handler runs when it is readable, and no longer once deregistered.
@Suite("Event loop")
struct EventLoopTests {
    /// Shared state that escaping closures can capture (a `Mutex` itself cannot be).
    private final class Shared<Value: Sendable>: Sendable {
        private let state: Mutex<Value>
        init(_ value: Value) { state = Mutex(value) }
        func update<R: Sendable>(_ body: (inout Value) -> R) -> R { state.withLock { body(&$0) } }
    }

    private static func loop() throws -> EventLoop {
        try #require(EventLoop.shared.first)
    }

    @Test func workFromManyThreadsRunsOnTheLoopInEachThreadsOrder() throws {
        let loop = try Self.loop()
        let threads = 8
        let perThread = 500
        let seen = Shared<[Int: [Int]]>([:])
        let offLoop = Shared(0)
        let done = DispatchGroup()
        for thread in 0..<threads {
            for _ in 0..<perThread { done.enter() }
            DispatchQueue.global().async {
                for index in 0..<perThread {
                    loop.execute {
                        if !loop.isCurrent { offLoop.update { $0 += 1 } }
                        seen.update { $0[thread, default: []].append(index) }
                        done.leave()
                    }
                }
            }
        }
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(offLoop.update { $0 } == 0)
        let orders = seen.update { $0 }
        #expect(orders.count == threads)
        for (_, order) in orders { #expect(order == Array(0..<perThread)) }
    }

    @Test func syncReturnsWhatRanOnTheLoop() throws {
        let loop = try Self.loop()
        #expect(!loop.isCurrent)
        let ranOnLoop = loop.sync { loop.isCurrent }
        #expect(ranOnLoop)
        let nothing: Int? = loop.sync { nil }
        #expect(nothing == nil)
    }

    @Test func aReadableSocketCallsItsHandlerUntilDeregistered() throws {
        let loop = try Self.loop()
        var ends: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        let reads = Shared(0)
        let readable = DispatchSemaphore(value: 0)
        let fd = ends[0]
        loop.sync {
            loop.register(
                fd, read: true,
                handlers: EventLoop.Handlers(
                    readable: {
                        var byte: UInt8 = 0
                        while recv(fd, &byte, 1, 0) == 1 { reads.update { $0 += 1 } }
                        readable.signal()
                    }, writable: {}))
        }
        var byte: UInt8 = 7
        #expect(send(ends[1], &byte, 1, 0) == 1)
        #expect(readable.wait(timeout: .now() + 10) == .success)
        #expect(reads.update { $0 } == 1)

        loop.sync { loop.deregister(fd) }
        #expect(send(ends[1], &byte, 1, 0) == 1)
        #expect(readable.wait(timeout: .now() + 0.3) == .timedOut)
        #expect(reads.update { $0 } == 1)
    }
}
