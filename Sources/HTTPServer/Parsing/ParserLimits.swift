/// Caps that protect the server from oversized request heads. Body size is not here: its cap
/// depends on the route, so the connection enforces it once the head is known.
public struct ParserLimits: Sendable {
    /// Longest request line, CRLF excluded; longer is 414.
    public var maxRequestLineBytes: Int = 8 * 1024
    /// Longest header section (all field lines, CRLFs included); longer is 431.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Most header fields; more is 431.
    public var maxHeaderCount: Int = 100

    public init() {}
}
