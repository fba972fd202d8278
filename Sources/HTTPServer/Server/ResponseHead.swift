/// How a response body is delimited on the wire.
enum ResponseFraming: Equatable {
    /// No body may follow (HEAD, 1xx, 204, 304): headers only.
    case bodiless(contentLength: Int?)
    case contentLength(Int)
    /// A stream to an HTTP/1.1 client.
    case chunked
    /// A stream to an HTTP/1.0 client, which cannot read chunks: the body ends when the connection does.
    case closeDelimited
}

/// Serializes a status line and header section, adding the fields the server owns.
///
/// Handlers cannot set framing or connection management themselves (`Content-Length`,
/// `Transfer-Encoding`, `Connection`), because a wrong value there desynchronises the connection;
/// fields whose name or value could split the header section are dropped rather than sent.
enum ResponseHead {
    /// Fields the server writes itself; a handler's values for them are replaced.
    private static let serverOwned: Set<String> = [
        "content-length", "transfer-encoding", "connection", "date", "server", "x-request-id", "keep-alive",
        "x-content-type-options",
    ]

    static func serialize(
        status: HTTPStatus, headers: HTTPHeaders, framing: ResponseFraming, connection: String?,
        requestID: String?, serverName: String
    ) -> [UInt8] {
        var text = "HTTP/1.1 \(status.code) \(sanitizedReason(status.reasonPhrase))\r\n"
        for field in headers where isSafe(field) && !serverOwned.contains(field.name.lowercased()) {
            text += "\(field.name): \(field.value)\r\n"
        }
        text += "Date: \(HTTPDate.now())\r\n"
        if !serverName.isEmpty && isSafeValue(serverName) {
            text += "Server: \(serverName)\r\n"
        }
        if let requestID {
            text += "X-Request-Id: \(requestID)\r\n"
        }
        // On every answer, the server's own included: no browser may guess a type the server did
        // not declare (a JSON body run as HTML, say).
        text += "X-Content-Type-Options: nosniff\r\n"
        switch framing {
        case .bodiless(let contentLength):
            if let contentLength { text += "Content-Length: \(contentLength)\r\n" }
        case .contentLength(let length):
            text += "Content-Length: \(length)\r\n"
        case .chunked:
            text += "Transfer-Encoding: chunked\r\n"
        case .closeDelimited:
            break
        }
        if let connection {
            text += "Connection: \(connection)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Whether a status forbids a body (RFC 9110 sections 15.2, 15.3.5, 15.4.5).
    static func forbidsBody(_ status: HTTPStatus) -> Bool {
        (100..<200).contains(status.code) || status.code == 204 || status.code == 304
    }

    private static func isSafe(_ field: HTTPHeaders.Field) -> Bool {
        !field.name.isEmpty && field.name.utf8.allSatisfy(isTokenByte) && isSafeValue(field.value)
    }

    private static func isSafeValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
    }

    private static func sanitizedReason(_ reason: String) -> String {
        isSafeValue(reason) ? reason : ""
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
