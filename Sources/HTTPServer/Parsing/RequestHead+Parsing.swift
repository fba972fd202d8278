extension RequestHead {
    /// Assembles a head from a parsed request line, its target and its header fields, applying
    /// the rules that need the whole header section: Host (RFC 9112 section 3.2), body framing,
    /// persistence (section 9.3) and expectations (RFC 9110 section 10.1.1).
    ///
    /// `expectsContinue` is set only when the client will wait before sending a body that is
    /// actually framed (chunked or a non-zero Content-Length) over HTTP/1.1: a 1.0 client must
    /// never get a 100 response, and a request without a body has nothing to wait for.
    init(line: RequestLine, target: RequestTarget, headers: HTTPHeaders) throws(HTTPParseError) {
        try Self.checkHost(headers.values(for: "Host"), version: line.version)
        let framing = try BodyFraming(headers: headers, version: line.version)

        var expectsContinue = false
        let expectations = headers.values(for: "Expect")
        if line.version == .http11 && !expectations.isEmpty {
            for member in expectations.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
                let expectation = member.trimmingASCIISpaces().lowercased()
                guard expectation == "100-continue" else {
                    throw HTTPParseError(.expectationFailed, "The expectation '\(expectation)' is not supported.")
                }
            }
            expectsContinue = framing != .none && framing != .contentLength(0)
        }

        let keepAlive =
            switch line.version {
            case .http11: !headers.hasToken("close", in: "Connection")
            default:
                headers.hasToken("keep-alive", in: "Connection") && !headers.hasToken("close", in: "Connection")
            }

        self.init(
            method: line.method, target: String(decoding: line.target, as: UTF8.self), version: line.version,
            headers: headers, path: target.path, pathSegments: target.pathSegments, query: target.query,
            framing: framing, keepAlive: keepAlive, expectsContinue: expectsContinue)
    }

    /// HTTP/1.1 needs exactly one Host; HTTP/1.0 at most one. Its value must look like
    /// `host[:port]` (an empty value is allowed), since it is used to build absolute URLs.
    private static func checkHost(_ values: [String], version: HTTPVersion) throws(HTTPParseError) {
        if values.count > 1 {
            throw HTTPParseError(.badRequest, "The request has more than one Host header.")
        }
        guard let host = values.first else {
            if version == .http11 {
                throw HTTPParseError(.badRequest, "An HTTP/1.1 request must have a Host header.")
            }
            return
        }
        let allowed: (UInt8) -> Bool = { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "-._~!$&'()*+,;=%:[]".utf8.contains(byte)
            }
        }
        guard host.utf8.allSatisfy(allowed) else {
            throw HTTPParseError(.badRequest, "The Host header is not a valid host[:port].")
        }
    }
}
