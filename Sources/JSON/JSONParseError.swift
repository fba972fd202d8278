/// Why a JSON text was refused, and where.
///
/// The position is given three ways because its readers differ: `offset` for programs, `line` and
/// `column` (both 1-based) for people, as in "Malformed JSON at line 3, column 14: …". Lines end at
/// LF (so CR LF counts once); columns count Unicode scalars, so a line with accents or emoji points
/// where an editor would.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of fault, for code that reacts differently (tests, metrics) without parsing messages.
    public enum Kind: Sendable, Equatable {
        /// The text stopped in the middle of a value (including an empty or unterminated document).
        case unexpectedEndOfInput
        /// A byte that the grammar does not allow here, such as a trailing comma or a comment.
        case unexpectedCharacter
        /// A malformed number: lone `-`, leading zero, missing fraction or exponent digits.
        case invalidNumber
        /// A number too large for a `Double`, such as `1e999`.
        case numberOutOfRange
        /// A backslash followed by something other than `" \ / b f n r t u`.
        case invalidEscape
        /// A `\u` escape without four hex digits, or an unpaired UTF-16 surrogate.
        case invalidUnicodeEscape
        /// A raw control character (U+0000 to U+001F) inside a string.
        case controlCharacterInString
        /// Bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// The same key twice in one object; the position is that of the second one.
        case duplicateKey
        /// Arrays and objects nested deeper than the parser's limit.
        case nestingTooDeep
        /// Something other than whitespace after the complete value.
        case trailingContent
    }

    public let kind: Kind
    public let message: String
    /// Byte offset from the start of the input (0-based).
    public let offset: Int
    public let line: Int
    public let column: Int

    public init(kind: Kind, message: String, offset: Int, line: Int, column: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `line 3, column 14: expected ',' or '}' after object member but found ']'`
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
