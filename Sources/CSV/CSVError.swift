/// Why CSV input was refused, with the line to look at.
///
/// Only a line is given (no column) because that is what people act on in a spreadsheet export,
/// and what the API's validation errors carry.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A quoted field still open when the input ended; `line` is where the field began.
        case unterminatedQuote
        /// A `"` in the middle of a field that did not start with one, such as `ab"c`.
        case quoteInUnquotedField
        /// Something other than `,` or a line end right after a closing quote, such as `"ab"c`.
        case characterAfterClosingQuote
        /// A field whose bytes are not well-formed UTF-8; `line` is where the field began.
        case invalidUTF8
        /// A record larger than the reader's limit, usually a runaway quote in a huge upload.
        case recordTooLong
        /// A column the caller needs is not in the header.
        case missingColumn
        /// Two header columns with the same (normalised) name, which would make lookups ambiguous.
        case duplicateColumn
        /// A record with a different number of fields than the header.
        case fieldCountMismatch
    }

    public let kind: Kind
    /// 1-based physical line.
    public let line: Int
    public let message: String

    public init(kind: Kind, line: Int, message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    /// `line 12: a quoted field must be followed by ',' or a line end`
    public var description: String {
        "line \(line): \(message)"
    }
}
