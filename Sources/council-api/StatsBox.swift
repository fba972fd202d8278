import HTTPServer
import Synchronization

/// Lets the application read the server's stats although the server is created after it (the
/// application is the server's responder, so it must exist first).
final class StatsBox: Sendable {
    private let server = Mutex<HTTPServer?>(nil)

    func attach(_ server: HTTPServer) { self.server.withLock { $0 = server } }
    func read() -> ServerStats? { server.withLock { $0 }?.stats }
}
