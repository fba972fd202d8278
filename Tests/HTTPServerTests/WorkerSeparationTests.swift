import Dispatch
import Foundation
import HTTPServer
import HTTPTestSupport
import Synchronization
import Testing

/// Writes that wait (for the store's one writer, say) must never take the threads that serve
/// reads and health checks: handlers of unsafe methods run on a pool of their own.
@Suite("Worker separation")
struct WorkerSeparationTests {
    @Test func readsAreServedWhileEveryWriteThreadIsBlockedAndMoreWritesQueue() throws {
        let inWrite = Atomic<Int>(0)
        let release = DispatchSemaphore(value: 0)
        var router = Router()
        router.get("/healthz") { _ in TestRoutes.text("ok") }
        router.post("/slow-write") { _ in
            inWrite.wrappingAdd(1, ordering: .relaxed)
            // Held until the test has had its read answered: a read that needed a write thread
            // would never come back, and the receive timeout would fail the test.
            _ = release.wait(timeout: .now() + 30)
            return TestRoutes.text("written")
        }
        let live = try LiveServer(responder: router) { $0.writeWorkerCount = 2 }

        let writes = 12  // 2 running, 10 queued behind them
        let answered = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<writes {
            DispatchQueue.global().async(group: group) {
                if let response = try? live.request("POST", "/slow-write", receiveTimeout: 40), response.status == 200 {
                    answered.wrappingAdd(1, ordering: .relaxed)
                }
            }
        }
        #expect(live.eventually { inWrite.load(ordering: .relaxed) == 2 }, "both write threads are busy")

        for _ in 0..<20 {
            let read = try live.get("/healthz")
            #expect(read.status == 200)
        }
        #expect(inWrite.load(ordering: .relaxed) == 2, "the queued writes are still waiting")

        for _ in 0..<writes { release.signal() }
        #expect(group.wait(timeout: .now() + 40) == .success)
        #expect(answered.load(ordering: .relaxed) == writes)
    }
}
