/// Strict RFC 8259 parsing of untrusted request bodies.
///
/// Strict because what the API accepts it must also be able to explain: no comments, trailing commas,
/// `NaN`, leading zeros, lone surrogates, invalid UTF-8 or duplicate keys (which different readers
/// resolve differently). Integers that fit `Int64` become `.int`; every other number becomes
/// `.double`, including integers too large for `Int64` (rounded), while numbers beyond `Double`'s
/// range (`1e999`) are refused. A UTF-8 byte order mark at the very start is skipped, as RFC 8259
/// permits.
///
/// Parsing is iterative, so nesting costs heap rather than stack and hostile input cannot overflow
/// the stack whatever the depth limit; the limit exists to bound work and the depth of the values
/// that later code walks recursively.
public struct JSONParser: Sendable {
    public static let defaultMaximumDepth = 64
    /// The highest depth limit honoured; larger requests are lowered to it, because values are
    /// serialised and destroyed recursively.
    public static let maximumSupportedDepth = 1024

    /// How many arrays and objects may enclose one another; a top-level scalar has depth 0.
    public let maximumDepth: Int

    public init(maximumDepth: Int = JSONParser.defaultMaximumDepth) {
        self.maximumDepth = min(max(maximumDepth, 0), Self.maximumSupportedDepth)
    }

    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer) }
        }
        if let contiguous {
            return try contiguous.get()
        }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer) }
        }.get()
    }

    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer) }
        }.get()
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        try JSONParser().parse(bytes)
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser().parse(text)
    }

    private func parse(buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var engine = JSONParserEngine(bytes: buffer, maximumDepth: maximumDepth)
        return try engine.parseDocument()
    }
}
