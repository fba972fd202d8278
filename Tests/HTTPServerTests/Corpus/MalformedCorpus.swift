/// The malformed corpus: requests that RFC 9112 (and this server's stricter reading of it)
/// refuses, grouped by what they attack. Each goes on its own connection to a live server.
///
/// Statuses are 4xx except where an RFC prescribes otherwise: 501 for a method or transfer
/// coding the server does not implement (RFC 9110 section 9.1, RFC 9112 section 6.1) and 505
/// for a major version it does not speak (RFC 9110 section 15.6.6). 408 answers requests that
/// never finish, 413 bodies over the route's limit, 414 overlong request lines, 417 unknown
/// expectations and 431 oversized header sections.
enum MalformedCorpus {
    static let all: [MalformedRequest] =
        smuggling + chunkedBodies + controlBytes + targets + requestLines + headerSections + unfinished
        + jsonBodies + fuzzerFinds

    /// The corpus's host and test routes (see TestRoutes): `/hello` answers GET, `/echo` takes
    /// bodies up to 8 MiB, `/small` up to 16 bytes, `/json` parses JSON.
    static func request(
        _ method: String, _ target: String, version: String = "HTTP/1.1", _ fields: [String] = [], body: String = ""
    ) -> String {
        "\(method) \(target) \(version)\r\n" + fields.map { $0 + "\r\n" }.joined() + "\r\n" + body
    }

    /// A GET of `/hello` with `fields`.
    static func get(_ fields: [String], version: String = "HTTP/1.1") -> String {
        request("GET", "/hello", version: version, fields)
    }

    /// A POST to `/echo` with a Host and `fields`.
    static func post(_ fields: [String], body: String = "", to path: String = "/echo") -> String {
        request("POST", path, ["Host: t"] + fields, body: body)
    }

    /// A chunked POST whose body is `body` as written (sizes, extensions and all).
    static func chunked(_ body: String, to path: String = "/echo") -> String {
        post(["Transfer-Encoding: chunked"], body: body, to: path)
    }

    /// Ambiguous framing: two parsers that pick different lengths see different next requests.
    static let smuggling: [MalformedRequest] = [
        .init("CL and TE together", post(["Content-Length: 5", "Transfer-Encoding: chunked"], body: "0\r\n\r\n")),
        .init(
            "TE and CL together, TE first",
            post(["Transfer-Encoding: chunked", "Content-Length: 5"], body: "0\r\n\r\n")),
        .init("TE continued by obs-fold", post(["Transfer-Encoding: gzip", " chunked"], body: "0\r\n\r\n")),
        .init("TE value only on an obs-fold line", post(["Transfer-Encoding:", "\tchunked"], body: "0\r\n\r\n")),
        .init("two differing Content-Lengths", post(["Content-Length: 5", "Content-Length: 6"], body: "hello!")),
        .init("Content-Length list 5, 6", post(["Content-Length: 5, 6"], body: "hello!")),
        .init("TE chunked, identity", post(["Transfer-Encoding: chunked, identity"], body: "0\r\n\r\n")),
        .init("TE identity alone", post(["Transfer-Encoding: identity"], body: "hello")),
        .init("TE with space before the colon", post(["Transfer-Encoding : chunked"], body: "0\r\n\r\n")),
        .init("TE with a vertical tab before chunked", post(["Transfer-Encoding: \u{0B}chunked"], body: "0\r\n\r\n")),
        .init("Content-Length +5", post(["Content-Length: +5"], body: "hello")),
        .init("Content-Length -5", post(["Content-Length: -5"], body: "hello")),
        .init("Content-Length 0x5", post(["Content-Length: 0x5"], body: "hello")),
        .init("Content-Length 5 5", post(["Content-Length: 5 5"], body: "hello")),
        .init("Content-Length empty", post(["Content-Length: "], body: "hello")),
        .init("Content-Length overflowing 64 bits", post(["Content-Length: 99999999999999999999999"], body: "x")),
        .init(
            "TE in an HTTP/1.0 request",
            request("POST", "/echo", version: "HTTP/1.0", ["Transfer-Encoding: chunked"], body: "0\r\n\r\n")),
        .init("TE chunked, chunked", post(["Transfer-Encoding: chunked, chunked"], body: "0\r\n\r\n")),
        .init("TE chunked in two fields", post(["Transfer-Encoding: chunked", "Transfer-Encoding: chunked"])),
        .init("TE chunked with a parameter", post(["Transfer-Encoding: chunked;q=1"], body: "0\r\n\r\n")),
        .init("TE xchunked", post(["Transfer-Encoding: xchunked"], body: "0\r\n\r\n")),
        .init(
            "TE gzip, chunked (not implemented)", post(["Transfer-Encoding: gzip, chunked"], body: "0\r\n\r\n"),
            status: 501),
    ]

    /// Chunk sizes read differently by different parsers, and chunk framing errors.
    static let chunkedBodies: [MalformedRequest] = [
        .init("chunk size ffffffffffffffffff", chunked("ffffffffffffffffff\r\nhello\r\n0\r\n\r\n")),
        .init("chunk size -1", chunked("-1\r\nhello\r\n0\r\n\r\n")),
        .init("chunk size 0x10", chunked("0x10\r\nhello\r\n0\r\n\r\n")),
        .init("chunk size with a leading space", chunked(" 5\r\nhello\r\n0\r\n\r\n")),
        .init("chunk size with trailing space and no extension", chunked("5 \r\nhello\r\n0\r\n\r\n")),
        .init("chunk size 5 ext (no semicolon)", chunked("5 ext\r\nhello\r\n0\r\n\r\n")),
        .init("chunk data longer than its size", chunked("5\r\nhello!!\r\n0\r\n\r\n")),
        .init("chunk data without its CRLF", chunked("5\r\nhello0\r\n\r\n")),
        .init("chunk extension ending in a bare LF", chunked("5;a=b\nhello\r\n0\r\n\r\n")),
        .init("chunk extension with NUL", chunked("5;a=\u{0}\r\nhello\r\n0\r\n\r\n")),
        .init(
            "chunk-size line over 4 KiB", chunked("5;" + String(repeating: "e", count: 5000) + "\r\nhello\r\n0\r\n\r\n")
        ),
        .init("trailer field without a colon", chunked("5\r\nhello\r\n0\r\nnot a field\r\n\r\n")),
        .init("trailer field folded", chunked("5\r\nhello\r\n0\r\nX-T: a\r\n b\r\n\r\n")),
        .init(
            "chunked body over the route limit",
            chunked("20\r\n" + String(repeating: "x", count: 32) + "\r\n0\r\n\r\n", to: "/small"), status: 413),
        .init(
            "Content-Length over the route limit",
            post(["Content-Length: 32"], body: String(repeating: "x", count: 32), to: "/small"), status: 413),
    ]

    /// NUL, bare CR and bare LF: line ends and string ends that C code and proxies read differently.
    static let controlBytes: [MalformedRequest] = [
        .init("NUL in the request target", "GET /hel\u{0}lo HTTP/1.1\r\nHost: t\r\n\r\n"),
        .init("NUL in a header value", get(["Host: t", "X-Note: a\u{0}b"])),
        .init("NUL in a header name", get(["Host: t", "X-No\u{0}te: a"])),
        .init("NUL before the request line", "\u{0}GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"),
        .init("bare CR inside the request line", "GET /hello HTTP/1.1\rHost: t\r\n\r\n"),
        .init("bare CR in a header value", get(["Host: t", "X-Note: a\rb"])),
        .init("CR CR LF ending the request line", "GET /hello HTTP/1.1\r\r\nHost: t\r\n\r\n"),
        .init("bare LF ending the request line", "GET /hello HTTP/1.1\nHost: t\r\n\r\n"),
        .init("bare LF ending a header line", "GET /hello HTTP/1.1\r\nHost: t\nX-Note: a\r\n\r\n"),
        .init("bare LF ending the header section", "GET /hello HTTP/1.1\r\nHost: t\r\n\n"),
        .init("bare LFs only", "GET /hello HTTP/1.1\nHost: t\n\n"),
        .init("DEL in a header value", get(["Host: t", "X-Note: a\u{7F}b"])),
    ]
}
