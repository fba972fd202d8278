/// Caps that protect the server from oversized request heads. Body size is not here: its cap
/// depends on the route, so the connection enforces it once the head is known.
///
/// Every cap is enforced while bytes are still arriving, so the parser never buffers more than
/// a cap (plus one read) waiting for a line end that may never come.
public struct ParserLimits: Sendable {
    /// Longest request line, CRLF excluded; longer is 414.
    public var maxRequestLineBytes: Int = 8 * 1024
    /// Longest header section (all field lines, CRLFs included); longer is 431. Trailer fields
    /// of a chunked body count against the same budget as the head's fields.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Most header fields (trailer fields included); more is 431.
    public var maxHeaderCount: Int = 100
    /// Longest chunk-size line (size and extensions, CRLF excluded); longer is 400. Extensions
    /// are ignored, so this only stops a client from streaming an endless one.
    public var maxChunkLineBytes: Int = 4 * 1024

    public init() {}
}
