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
    private static let serverOwned = [
        "content-length", "transfer-encoding", "connection", "date", "server", "x-request-id", "keep-alive",
        "x-content-type-options",
    ]

    /// Written straight into bytes: every response passes here, and building a String first
    /// would cost an allocation per piece.
    static func serialize(
        status: HTTPStatus, headers: HTTPHeaders, framing: ResponseFraming, connection: String?,
        requestID: String?, serverName: String
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + headers.count * 48)
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status.code, to: &out)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: sanitizedReason(status.reasonPhrase).utf8)
        out.append(contentsOf: crlf)
        for field in headers where isSafe(field) && !isServerOwned(field.name) {
            appendField(field.name, field.value, to: &out)
        }
        appendField("Date", HTTPDate.now(), to: &out)
        if !serverName.isEmpty && isSafeValue(serverName) {
            appendField("Server", serverName, to: &out)
        }
        if let requestID {
            appendField("X-Request-Id", requestID, to: &out)
        }
        // On every answer, the server's own included: no browser may guess a type the server did
        // not declare (a JSON body run as HTML, say).
        out.append(contentsOf: nosniff)
        switch framing {
        case .bodiless(let contentLength):
            if let contentLength { appendLength(contentLength, to: &out) }
        case .contentLength(let length):
            appendLength(length, to: &out)
        case .chunked:
            appendField("Transfer-Encoding", "chunked", to: &out)
        case .closeDelimited:
            break
        }
        if let connection {
            appendField("Connection", connection, to: &out)
        }
        out.append(contentsOf: crlf)
        return out
    }

    private static let crlf: [UInt8] = [13, 10]
    private static let nosniff = Array("X-Content-Type-Options: nosniff\r\n".utf8)

    private static func appendField(_ name: String, _ value: String, to out: inout [UInt8]) {
        appendUTF8(name, to: &out)
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
        appendUTF8(value, to: &out)
        out.append(contentsOf: crlf)
    }

    /// A string's bytes copied at once from its storage, not byte by byte through its UTF8View.
    private static func appendUTF8(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    private static func appendLength(_ length: Int, to out: inout [UInt8]) {
        out.append(contentsOf: "Content-Length: ".utf8)
        appendDecimal(length, to: &out)
        out.append(contentsOf: crlf)
    }

    /// A decimal number's text is at most 20 bytes, a small string held inline: no allocation.
    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }

    private static func isServerOwned(_ name: String) -> Bool {
        serverOwned.contains { HTTPHeaders.sameName($0, name) }
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
