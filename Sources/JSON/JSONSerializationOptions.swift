/// How ``JSONValue`` is written out.
///
/// Compact output is the default because it is what goes over the wire; pretty output exists for
/// people (documentation examples, debugging). U+2028 and U+2029 are escaped by default: they are
/// valid in JSON but end lines in older JavaScript, and escaping them costs nothing.
public struct JSONSerializationOptions: Sendable, Equatable {
    /// Newlines and two-space indentation, with `": "` between key and value.
    public var isPretty: Bool
    /// Write U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR as `\u2028` and `\u2029`.
    public var escapesLineSeparators: Bool

    public init(pretty: Bool = false, escapesLineSeparators: Bool = true) {
        self.isPretty = pretty
        self.escapesLineSeparators = escapesLineSeparators
    }

    public static let compact = JSONSerializationOptions()
    public static let pretty = JSONSerializationOptions(pretty: true)
}
