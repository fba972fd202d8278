import HTTPServer
import Synchronization

/// The server's log lines, collected from its worker and I/O threads, so tests can assert on the
/// access log and on operational events exactly as an operator would read them.
public final class LogCapture: Sendable {
    private let captured = Mutex<[String]>([])

    private let format: LogFormat

    public init(format: LogFormat = .logfmt) {
        self.format = format
    }

    /// A logger that appends here (every level) instead of writing to standard error.
    public var logger: ServerLogger {
        ServerLogger(format: format, minimumLevel: .debug) { [self] line in captured.withLock { $0.append(line) } }
    }

    /// Every line logged so far, in order.
    public var lines: [String] { captured.withLock { $0 } }

    /// Access-log lines only (logfmt: the records whose `msg` is `access`).
    public var accessLines: [String] { lines.filter { $0.contains(" msg=access ") } }
}
