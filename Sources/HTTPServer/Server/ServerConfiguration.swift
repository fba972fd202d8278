import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every knob of the server in one value, so that an application states its limits once and tests
/// can shrink timeouts and caps to provoke each defence quickly.
///
/// The defaults suit a small JSON API behind a reverse proxy: tight header and body deadlines
/// (slow clients are the cheapest attack), a generous idle keep-alive, and bodies spooled to disk
/// above a threshold so memory stays flat whatever the upload size.
public struct ServerConfiguration: Sendable {
    /// An IPv4 or IPv6 address (or a name the resolver knows) to bind; `0.0.0.0` or `::` for all.
    public var host: String = "127.0.0.1"
    /// The TCP port; 0 asks the kernel for an ephemeral one (read it back from `HTTPServer.port`).
    public var port: Int = 8080
    /// The whole header section must arrive within this: counted from the accept for a
    /// connection's first request (so a connection that never sends a byte is closed after it),
    /// from the request's first byte for later ones.
    public var headerTimeout: Duration = .seconds(10)
    /// The longest a request body may stall: a body that sends no byte for this long (counted
    /// from the end of the head, then from its last bytes) is answered 408. A body that keeps
    /// arriving, however slowly, is not cut off, so a 64 MiB upload on a slow line completes;
    /// slow senders are bounded by `maxConnections` and the spool limit instead.
    public var bodyTimeout: Duration = .seconds(30)
    /// The most bytes of request bodies spooled to `temporaryDirectory` at once, over every
    /// connection; a body that would pass it is refused with 503 and `Retry-After`.
    public var maxSpoolBytes: Int = 512 << 20
    /// A keep-alive connection with no request in progress is closed after this.
    public var idleTimeout: Duration = .seconds(60)
    /// A response that makes no progress for this long (the client stopped reading) is abandoned.
    public var writeTimeout: Duration = .seconds(60)
    /// How long shutdown waits for in-flight requests before closing their connections anyway.
    public var drainTimeout: Duration = .seconds(10)
    /// After the final response, how long the server keeps discarding input before closing, so the
    /// kernel does not reset the connection (and destroy the response) over unread request bytes.
    public var lingerTimeout: Duration = .seconds(2)
    /// Open connections beyond this are answered 503 and closed.
    public var maxConnections: Int = 4096
    /// The body limit when the responder does not name one for the route.
    public var maxBodyBytes: Int = 1 << 20
    /// Bodies larger than this are written to a temporary file as they arrive.
    public var inMemoryBodyThreshold: Int = 1 << 20
    /// Where spooled bodies go.
    public var temporaryDirectory: String = ServerConfiguration.defaultTemporaryDirectory()
    /// Threads that run handlers. Handlers may block (SQLite, file reads), so this bounds how many
    /// requests are worked on at once, independently of how many connections are open.
    public var workerCount: Int = max(4, 2 * ServerConfiguration.processorCount())
    /// Threads that run the handlers of unsafe methods (POST, PUT, PATCH, DELETE), apart from
    /// `workerCount`: writes wait for the store's one writer, and however many wait, they wait in
    /// this pool's queue, never on the threads that serve reads and health checks.
    public var writeWorkerCount: Int = max(2, ServerConfiguration.processorCount())
    /// The kernel's queue of connections not yet accepted; values below 1024 are raised to it, so
    /// a burst of connects is not refused while the accept loop catches up.
    public var listenBacklog: Int = 1024
    /// The value of the `Server` response header.
    public var serverName: String = "HTTPServer"
    /// Caps on the request line and header section, enforced by the parser.
    public var parserLimits: ParserLimits = ParserLimits()
    /// A streaming handler's writes block while more than this is queued for the socket.
    public var streamHighWaterMark: Int = 256 * 1024
    /// A blocked streaming handler resumes once the queue has drained to this.
    public var streamLowWaterMark: Int = 64 * 1024

    public init() {}

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    static func processorCount() -> Int {
        let count = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return count > 0 ? count : 1
    }

    static func defaultTemporaryDirectory() -> String {
        if let value = getenv("TMPDIR"), let directory = String(validatingCString: value), !directory.isEmpty {
            return directory
        }
        return "/tmp"
    }
}

extension Duration {
    /// The duration as a Dispatch interval, saturating rather than overflowing for huge values.
    var dispatchInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        if seconds <= 0 && attoseconds <= 0 { return .nanoseconds(0) }
        if seconds > Int64(Int32.max) { return .seconds(Int(Int32.max)) }
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
