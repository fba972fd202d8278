/// One `field-name ":" OWS field-value OWS` line of a header or trailer section (RFC 9112
/// section 5), checked strictly.
///
/// Each refusal closes a known smuggling or injection route: whitespace before the colon and
/// obs-fold make proxies disagree about names and line boundaries; control bytes in a value
/// (NUL, bare CR) end strings early in C code or split lines in logs and responses.
struct FieldLine: Sendable {
    let name: String
    /// The value with leading and trailing OWS removed. Bytes above 0x7F (obs-text) are read as
    /// UTF-8, with invalid sequences replaced by U+FFFD, since modern clients send UTF-8.
    let value: String

    init(parsing line: ArraySlice<UInt8>) throws(HTTPParseError) {
        guard let first = line.first else {
            throw HTTPParseError(.badRequest, "A header line is empty.")
        }
        if HTTPSyntax.isWhitespace(first) {
            throw HTTPParseError(
                .badRequest, "A header line starts with whitespace (obsolete line folding is not accepted).")
        }
        guard let colon = line.firstIndex(of: HTTPSyntax.colon) else {
            throw HTTPParseError(.badRequest, "A header line has no ':' after its name.")
        }
        let name = line[line.startIndex..<colon]
        guard let lastOfName = name.last else {
            throw HTTPParseError(.badRequest, "A header line has an empty field name.")
        }
        if HTTPSyntax.isWhitespace(lastOfName) {
            throw HTTPParseError(.badRequest, "A header field name is followed by whitespace before the ':'.")
        }
        guard HTTPSyntax.isToken(name) else {
            throw HTTPParseError(.badRequest, "A header field name is not a token.")
        }
        let value = HTTPSyntax.trimmingWhitespace(line[(colon + 1)...])
        if let bad = value.first(where: { !HTTPSyntax.isFieldValueByte($0) }) {
            let nameString = String(decoding: name, as: UTF8.self)
            throw HTTPParseError(
                .badRequest, "The value of header \(nameString) contains the control byte \(HTTPSyntax.describe(bad)).")
        }
        self.name = String(decoding: name, as: UTF8.self)
        self.value = String(decoding: value, as: UTF8.self)
    }
}
