/// The one percent-decoder of the server (RFC 3986 section 2.1).
///
/// Decoding happens exactly once, here, so no later layer can decode twice and turn `%252F` into
/// `/`. Anything a handler could misread is refused instead of repaired: malformed escapes, bytes
/// that are not UTF-8, and NUL, which C code (SQLite, the file system) would take as an end.
enum PercentDecoding {
    /// Decodes `bytes`, a component of a request target, into a string. `part` names the
    /// component in error details ("a path segment", "a query parameter name").
    static func decode(
        _ bytes: ArraySlice<UInt8>, plusIsSpace: Bool, part: String
    ) throws(HTTPParseError) -> String {
        let needsWork = bytes.contains { $0 == HTTPSyntax.percent || (plusIsSpace && $0 == HTTPSyntax.plus) }
        // The target holds only visible ASCII, so without escapes it is already valid UTF-8 without NUL.
        guard needsWork else { return String(decoding: bytes, as: UTF8.self) }

        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == HTTPSyntax.percent {
                let escapeEnd = min(index + 3, bytes.endIndex)
                guard escapeEnd - index == 3, let high = HTTPSyntax.hexValue(bytes[index + 1]),
                    let low = HTTPSyntax.hexValue(bytes[index + 2])
                else {
                    let escape = String(decoding: bytes[index..<escapeEnd], as: UTF8.self)
                    throw HTTPParseError(
                        .badRequest,
                        "\(part) has an invalid percent-escape \"\(escape)\"; '%' must be followed by two hex digits.")
                }
                let value = UInt8(high << 4 | low)
                guard value != 0 else {
                    throw HTTPParseError(.badRequest, "\(part) contains an encoded NUL (%00).")
                }
                decoded.append(value)
                index += 3
            } else {
                decoded.append(plusIsSpace && byte == HTTPSyntax.plus ? HTTPSyntax.space : byte)
                index += 1
            }
        }
        guard let string = String(validating: decoded, as: UTF8.self) else {
            throw HTTPParseError(.badRequest, "\(part) decodes to bytes that are not valid UTF-8.")
        }
        return string
    }
}
