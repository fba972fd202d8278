/// The first line of a request, split and checked (RFC 9112 section 3).
///
/// The grammar is applied exactly, single spaces and all: lenient request-line parsing is where
/// a front proxy and this server could start to disagree about where a request begins.
struct RequestLine: Sendable {
    let method: HTTPMethod
    /// The request-target bytes, all visible ASCII. A copy, not a slice of the parse buffer:
    /// a slice would keep the buffer shared and make every later append copy it whole.
    let target: [UInt8]
    let version: HTTPVersion

    /// Parses `line` (CRLF excluded). Syntax errors are 400; a well-formed version other than
    /// 1.0 and 1.1 is 505; a well-formed method this server does not know is 501.
    init(parsing line: ArraySlice<UInt8>) throws(HTTPParseError) {
        guard let firstSpace = line.firstIndex(of: HTTPSyntax.space) else {
            throw HTTPParseError(.badRequest, "The request line is not 'method SP request-target SP HTTP-version'.")
        }
        let methodBytes = line[line.startIndex..<firstSpace]
        guard !methodBytes.isEmpty else {
            throw HTTPParseError(.badRequest, "The request line starts with a space instead of a method.")
        }
        guard HTTPSyntax.isToken(methodBytes) else {
            throw HTTPParseError(.badRequest, "The request method is not a token.")
        }
        let afterMethod = line[(firstSpace + 1)...]
        guard let secondSpace = afterMethod.firstIndex(of: HTTPSyntax.space) else {
            throw HTTPParseError(.badRequest, "The request line has no HTTP version.")
        }
        let target = line[(firstSpace + 1)..<secondSpace]
        guard !target.isEmpty else {
            throw HTTPParseError(.badRequest, "The request line has more than one space between its parts.")
        }
        if let bad = target.first(where: { !HTTPSyntax.isVisible($0) }) {
            throw HTTPParseError(
                .badRequest, "The request target contains \(HTTPSyntax.describe(bad)); only visible ASCII is allowed.")
        }
        let versionBytes = line[(secondSpace + 1)...]
        guard !versionBytes.contains(HTTPSyntax.space) else {
            throw HTTPParseError(.badRequest, "The request line has more than one space between its parts.")
        }
        let version = try Self.version(versionBytes)
        let method = HTTPMethod(rawValue: String(decoding: methodBytes, as: UTF8.self))
        guard HTTPMethod.known.contains(method) else {
            throw HTTPParseError(.notImplemented, "The method \(method.rawValue) is not implemented by this server.")
        }
        self.method = method
        self.target = Array(target)
        self.version = version
    }

    /// `HTTP-version = "HTTP/" DIGIT "." DIGIT`, case-sensitive.
    private static func version(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let prefix: [UInt8] = Array("HTTP/".utf8)
        let start = bytes.startIndex
        guard bytes.count == 8, bytes.prefix(5).elementsEqual(prefix),
            HTTPSyntax.isDigit(bytes[start + 5]), bytes[start + 6] == UInt8(ascii: "."),
            HTTPSyntax.isDigit(bytes[start + 7])
        else {
            throw HTTPParseError(
                .badRequest, "The request line does not end with a valid HTTP version such as HTTP/1.1.")
        }
        let version = HTTPVersion(
            major: Int(bytes[start + 5] - UInt8(ascii: "0")), minor: Int(bytes[start + 7] - UInt8(ascii: "0")))
        guard version == .http11 || version == .http10 else {
            throw HTTPParseError(
                .httpVersionNotSupported, "\(version) is not supported; send HTTP/1.1 or HTTP/1.0.")
        }
        return version
    }
}
