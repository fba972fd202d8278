/// What the parser found next in the byte stream.
public enum ParseEvent: Sendable {
    /// A complete, validated request head.
    case head(RequestHead)
    /// A piece of body content (already de-chunked). May come many times per request.
    case body([UInt8])
    /// The request (head and body, trailers dropped) is complete; the next bytes start a new request.
    case end
}

/// An incremental, strict HTTP/1.1 request parser (RFC 9112).
///
/// Bytes are appended as they arrive from the socket; `next()` returns events until it needs more
/// bytes (`nil`). It is a value type with no I/O so that every edge case can be unit tested by
/// feeding bytes, and the fuzzer can drive it directly.
public struct RequestParser: Sendable {
    public let limits: ParserLimits

    public init(limits: ParserLimits = ParserLimits()) {
        self.limits = limits
    }

    /// Adds bytes read from the connection.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        fatalError("RequestParser.append: not implemented yet")
    }

    /// The next event, or nil when more bytes are needed. After an error the parser is unusable.
    public mutating func next() throws(HTTPParseError) -> ParseEvent? {
        fatalError("RequestParser.next: not implemented yet")
    }

    /// Bytes appended but not yet consumed (for pipelining diagnostics and tests).
    public var bufferedByteCount: Int { 0 }
}
