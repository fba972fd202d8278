/// Odd but valid requests: each must be answered 2xx, and they seed the parser fuzzer.
enum WellFormedCorpus {
    static let all: [WellFormedRequest] = [
        .init("plain GET", "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"),
        .init("HTTP/1.0 without Host", "GET /hello HTTP/1.0\r\n\r\n"),
        .init("absolute-form", "GET http://t/hello HTTP/1.1\r\nHost: t\r\n\r\n"),
        .init("one empty line before the request line", "\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n"),
        .init("OWS around a field value", "GET /hello HTTP/1.1\r\nHost: t\r\nX-Note: \t spaced \t\r\n\r\n"),
        .init("POST with Content-Length", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"),
        .init("repeated equal Content-Lengths", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5, 5\r\n\r\nhello"),
        .init(
            "chunked with extensions and a trailer",
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1 ;x\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n"),
        .init(
            "chunked written in capitals",
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: Chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
        .init("JSON body", bytes: MalformedCorpus.json(#"{"name":"caf\u00e9","n":[1]}"#)),
        .init(
            "percent-encoded UTF-8 in path and query",
            "GET /councils/caf%C3%A9?q=%E2%82%AC+x HTTP/1.1\r\nHost: t\r\n\r\n"),
        .init(
            "two pipelined requests",
            "GET /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"),
        .init(
            "Expect: 100-continue",
            "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi"),
    ]
}
