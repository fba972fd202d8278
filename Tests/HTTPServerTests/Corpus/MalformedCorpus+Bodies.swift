extension MalformedCorpus {
    /// A POST to `/json` with `body` (raw bytes) and the given media type.
    static func json(_ body: [UInt8], contentType: String = "application/json") -> [UInt8] {
        Array(post(["Content-Type: \(contentType)", "Content-Length: \(body.count)"], to: "/json").utf8) + body
    }

    static func json(_ body: String, contentType: String = "application/json") -> [UInt8] {
        json(Array(body.utf8), contentType: contentType)
    }

    /// Well-framed requests whose JSON content is wrong: the handler answers 4xx and the
    /// connection stays open, since its framing is intact.
    static let jsonBodies: [MalformedRequest] = [
        .init("JSON truncated", bytes: json(#"{"council": "knowsley", "year": 20"#), afterwards: .keepsAlive),
        .init(
            "JSON with invalid UTF-8 in a string",
            bytes: json(Array(#"{"name": "a"#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)), afterwards: .keepsAlive),
        .init(
            "JSON with a truncated UTF-8 sequence",
            bytes: json(Array(#"{"name": ""#.utf8) + [0xE2, 0x82] + Array(#""}"#.utf8)), afterwards: .keepsAlive),
        .init("JSON with a lone surrogate escape", bytes: json(#"{"name": "\ud800"}"#), afterwards: .keepsAlive),
        .init(
            "JSON with a raw control byte in a string", bytes: json("{\"name\": \"a\u{1}b\"}"), afterwards: .keepsAlive),
        .init("JSON with a trailing comma", bytes: json(#"{"a": 1,}"#), afterwards: .keepsAlive),
        .init("JSON with duplicate keys", bytes: json(#"{"a": 1, "a": 2}"#), afterwards: .keepsAlive),
        .init("JSON number 1e999", bytes: json(#"{"a": 1e999}"#), afterwards: .keepsAlive),
        .init("JSON NaN", bytes: json(#"{"a": NaN}"#), afterwards: .keepsAlive),
        .init("JSON nested 100000 deep", bytes: json(String(repeating: "[", count: 100_000)), afterwards: .keepsAlive),
        .init("JSON empty body", bytes: json(""), afterwards: .keepsAlive),
        .init("JSON two documents", bytes: json(#"{"a": 1}{"b": 2}"#), afterwards: .keepsAlive),
        .init(
            "JSON sent as text/plain", bytes: json(#"{"a": 1}"#, contentType: "text/plain"), status: 415,
            afterwards: .keepsAlive),
    ]

    /// Inputs the parser fuzzer found answered differently depending on read splits (fixed since;
    /// see ParserSplitConsistencyTests), kept here byte for byte.
    static let fuzzerFinds: [MalformedRequest] = [
        .init(
            "fuzz: bare LF after a non-method prefix",
            bytes: [0x47, 0xF2, 0xF2, 0xF2, 0xF2] + Array("cET /x HTTP/1.3\n".utf8)),
        .init(
            "fuzz: bare LF after a non-token method",
            bytes: [0x47, 0x45, 0x54, 0xA0] + Array("/x HTTP\r2./1\nHost: a\r\n\r\n".utf8)),
        .init(
            "fuzz: header section near the limit with an invalid Host",
            bytes: Array("GET /xDefault[ HTTP/1.1\r\nHost: 0".utf8) + [UInt8](repeating: 0x2B, count: 24)
                + Array("hRhhhh@hhhh".utf8) + [UInt8](repeating: 0xFF, count: 100) + Array("\t\r\n\r\n".utf8)),
    ]
}
