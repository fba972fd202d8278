extension MalformedCorpus {
    /// A GET of `target` with raw bytes appended to `/hello`, for bytes a String cannot hold.
    static func get(rawTarget: [UInt8]) -> [UInt8] {
        Array("GET ".utf8) + rawTarget + Array(" HTTP/1.1\r\nHost: t\r\n\r\n".utf8)
    }

    /// Targets: percent-encoding that does not decode to UTF-8, raw bytes, odd forms.
    static let targets: [MalformedRequest] = [
        .init("%C3%28 (invalid UTF-8) in the path", request("GET", "/hello/%C3%28", ["Host: t"])),
        .init("%FF in the query", request("GET", "/hello?name=%FF", ["Host: t"])),
        .init("raw 0xFF in the path", bytes: get(rawTarget: Array("/hello/".utf8) + [0xFF])),
        .init("raw 0xC3 0x28 in the query", bytes: get(rawTarget: Array("/hello?q=".utf8) + [0xC3, 0x28])),
        .init("overlong UTF-8 %C0%AF", request("GET", "/hello/%C0%AF", ["Host: t"])),
        .init("encoded surrogate %ED%A0%80", request("GET", "/hello?q=%ED%A0%80", ["Host: t"])),
        .init("encoded NUL %00 in the path", request("GET", "/hello/%00", ["Host: t"])),
        .init("bad escape %G1", request("GET", "/hello/%G1", ["Host: t"])),
        .init("truncated escape at the end", request("GET", "/hello?q=%4", ["Host: t"])),
        .init("fragment in the target", request("GET", "/hello#top", ["Host: t"])),
        .init("absolute-form with userinfo", request("GET", "http://user@t/hello", ["Host: t"])),
        .init("absolute-form with scheme ftp", request("GET", "ftp://t/hello", ["Host: t"])),
        .init("absolute-form without a host", request("GET", "http:///hello", ["Host: t"])),
        .init("absolute-form without a scheme separator", request("GET", "http:t/hello", ["Host: t"])),
        .init("asterisk-form with GET", request("GET", "*", ["Host: t"])),
        .init("authority-form with GET", request("GET", "t:80", ["Host: t"])),
        .init("CONNECT with origin-form", request("CONNECT", "/hello", ["Host: t"])),
        .init("CONNECT with a non-numeric port", request("CONNECT", "t:http", ["Host: t"])),
    ]

    /// The request line: grammar, length, versions, and other protocols sent to this port.
    static let requestLines: [MalformedRequest] = [
        .init(
            "request line over 8 KiB", request("GET", "/hello?" + String(repeating: "a", count: 9000), ["Host: t"]),
            status: 414),
        .init("two spaces after the method", "GET  /hello HTTP/1.1\r\nHost: t\r\n\r\n"),
        .init("tab between method and target", "GET\t/hello HTTP/1.1\r\nHost: t\r\n\r\n"),
        .init("space before the method", " GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"),
        .init("space after the version", "GET /hello HTTP/1.1 \r\nHost: t\r\n\r\n"),
        .init("no version (HTTP/0.9 style)", "GET /hello\r\n\r\n"),
        .init("lowercase version", get(["Host: t"], version: "http/1.1")),
        .init("version HTTP/1.10", get(["Host: t"], version: "HTTP/1.10")),
        .init("version HTTP/3.0", get(["Host: t"], version: "HTTP/3.0"), status: 505),
        .init("HTTP/2 connection preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", status: 505),
        .init(
            "TLS ClientHello",
            bytes: [0x16, 0x03, 0x01, 0x00, 0xF1, 0x01, 0x00, 0x00, 0xED, 0x03, 0x03]
                + [UInt8](repeating: 0x5A, count: 32) + [0x20] + [UInt8](repeating: 0x00, count: 32)),
        .init("SSH banner", "SSH-2.0-OpenSSH_9.6\r\n"),
        .init("unknown method BREW", request("BREW", "/hello", ["Host: t"]), status: 501),
        .init("lowercase method get", request("get", "/hello", ["Host: t"]), status: 501),
        .init("method with a non-token byte", request("GE(T", "/hello", ["Host: t"])),
        .init("five empty lines before the request", "\r\n\r\n\r\n\r\n\r\n" + get(["Host: t"])),
        .init("empty request target", "GET  HTTP/1.1\r\nHost: t\r\n\r\n"),
    ]

    /// The header section: counts, sizes, Host, field syntax, expectations.
    static let headerSections: [MalformedRequest] = [
        .init("101 header fields", get(["Host: t"] + (1...100).map { "X-Field-\($0): v" }), status: 431),
        .init(
            "header section over 16 KiB", get(["Host: t", "X-Big: " + String(repeating: "v", count: 17000)]),
            status: 431),
        .init("missing Host in HTTP/1.1", get([])),
        .init("two Host fields", get(["Host: t", "Host: u"])),
        .init("two Host fields in HTTP/1.0", get(["Host: t", "Host: u"], version: "HTTP/1.0")),
        .init("Host with a space", get(["Host: exa mple"])),
        .init("Host with a slash", get(["Host: t/hello"])),
        .init("header line without a colon", get(["Host: t", "X-Note"])),
        .init("empty header name", get(["Host: t", ": value"])),
        .init("header name with a non-token byte", get(["Host: t", "X(y): 1"])),
        .init("header name with a space inside", get(["Host: t", "X Note: 1"])),
        .init("obs-fold of an ordinary field", get(["Host: t", "X-Note: a", "  b"])),
        .init("header line starting with a space", get(["Host: t", " X-Note: a"])),
        .init("Expect: something-else", get(["Host: t", "Expect: something-else"]), status: 417),
    ]

    /// Requests that never finish: answered 408 when their deadline passes (the corpus server
    /// uses one-second header and body timeouts).
    static let unfinished: [MalformedRequest] = [
        .init("header section never finished", "GET /hello HTTP/1.1\r\nHost: t\r\n", status: 408),
        .init("request line never finished", "GET /hello HTTP/1.1", status: 408),
        .init("body shorter than its Content-Length", post(["Content-Length: 10"], body: "hello"), status: 408),
        .init("chunked body without its last chunk", chunked("5\r\nhello\r\n"), status: 408),
    ]
}
