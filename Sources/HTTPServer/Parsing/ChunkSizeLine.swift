/// The `chunk-size [ chunk-ext ] CRLF` line before each chunk (RFC 9112 section 7.1).
///
/// The size is read exactly as `1*HEXDIG`: no sign, no `0x`, no whitespace before it, and
/// overflow is an error rather than a wrap-around, because a proxy that reads a size
/// differently from us would see a different next request. Extensions are not interpreted,
/// only bounded (by `ParserLimits.maxChunkLineBytes`) and checked for control bytes.
enum ChunkSizeLine {
    /// The chunk size announced by `line` (CRLF excluded).
    static func size(of line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = HTTPSyntax.hexValue(line[index]) {
            let (shifted, overflow) = size.multipliedReportingOverflow(by: 16)
            guard !overflow else {
                throw HTTPParseError(.badRequest, "A chunk size is too large.")
            }
            size = shifted | digit
            index += 1
        }
        guard index > line.startIndex else {
            throw HTTPParseError(.badRequest, "A chunk does not start with a hexadecimal size.")
        }
        var rest = line[index...]
        while let first = rest.first, HTTPSyntax.isWhitespace(first) { rest.removeFirst() }
        guard let first = rest.first else {
            guard rest.startIndex == index else {
                throw HTTPParseError(.badRequest, "A chunk size is followed by whitespace without an extension.")
            }
            return size
        }
        guard first == HTTPSyntax.semicolon else {
            throw HTTPParseError(.badRequest, "A chunk size is followed by something other than an extension.")
        }
        if let bad = rest.first(where: { !HTTPSyntax.isFieldValueByte($0) }) {
            throw HTTPParseError(
                .badRequest, "A chunk extension contains the control byte \(HTTPSyntax.describe(bad)).")
        }
        return size
    }
}
