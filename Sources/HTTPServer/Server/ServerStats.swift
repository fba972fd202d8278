/// A snapshot of the server's counters, for a metrics endpoint or a health check.
///
/// Counters rather than a metrics library so the server stays dependency-free; the application
/// decides how to expose them.
public struct ServerStats: Sendable, Hashable {
    /// Connections open right now.
    public var openConnections: Int
    /// Connections accepted since start (not counting those refused at the cap).
    public var acceptedConnections: Int
    /// Connections answered 503 and closed because `maxConnections` were already open.
    public var rejectedConnections: Int
    /// Exchanges completed (responses fully written) since start.
    public var requestsServed: Int

    public init(openConnections: Int, acceptedConnections: Int, rejectedConnections: Int, requestsServed: Int) {
        self.openConnections = openConnections
        self.acceptedConnections = acceptedConnections
        self.rejectedConnections = rejectedConnections
        self.requestsServed = requestsServed
    }
}
