extension BodyFraming {
    /// Decides how the body is delimited from Content-Length and Transfer-Encoding (RFC 9112
    /// section 6), refusing every combination two implementations might read differently —
    /// the root of request smuggling.
    ///
    /// - Both fields together: 400, whatever their values.
    /// - Content-Length: each list member must be `1*DIGIT` that fits in `Int`; repeats
    ///   (several fields or a comma list) are accepted only when all are the same number.
    /// - Transfer-Encoding: only `chunked` alone is served. The status says who is at fault:
    ///   400 when the body length cannot be determined (an empty or malformed list, `chunked`
    ///   repeated or not last, `chunked` absent as in `gzip` or `identity`, any coding in an
    ///   HTTP/1.0 request); 501 when the list is well formed and ends in `chunked` but names
    ///   another coding (`gzip, chunked`), which is a coding this server does not implement.
    init(headers: HTTPHeaders, version: HTTPVersion) throws(HTTPParseError) {
        let transferEncodings = headers.values(for: "Transfer-Encoding")
        let contentLengths = headers.values(for: "Content-Length")
        if !transferEncodings.isEmpty {
            guard contentLengths.isEmpty else {
                throw HTTPParseError(.badRequest, "A request must not have both Transfer-Encoding and Content-Length.")
            }
            guard version == .http11 else {
                throw HTTPParseError(.badRequest, "Transfer-Encoding is not allowed in an HTTP/1.0 request.")
            }
            try Self.checkTransferCodings(transferEncodings)
            self = .chunked
        } else if !contentLengths.isEmpty {
            self = .contentLength(try Self.contentLength(contentLengths))
        } else {
            self = .none
        }
    }

    private static func contentLength(_ values: [String]) throws(HTTPParseError) -> Int {
        var length: Int?
        for value in values {
            for member in value.utf8.split(separator: HTTPSyntax.comma, omittingEmptySubsequences: false) {
                let digits = HTTPSyntax.trimmingWhitespace(ArraySlice(member))
                guard !digits.isEmpty, digits.allSatisfy(HTTPSyntax.isDigit) else {
                    throw HTTPParseError(.badRequest, "Content-Length is not a decimal number.")
                }
                var number = 0
                for digit in digits {
                    let (times10, overflow1) = number.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
                    guard !overflow1, !overflow2 else {
                        throw HTTPParseError(.badRequest, "Content-Length is too large.")
                    }
                    number = sum
                }
                if let length, length != number {
                    throw HTTPParseError(.badRequest, "The request has conflicting Content-Length values.")
                }
                length = number
            }
        }
        return length ?? 0
    }

    private static func checkTransferCodings(_ values: [String]) throws(HTTPParseError) {
        var codings: [String] = []
        for value in values {
            for member in value.utf8.split(separator: HTTPSyntax.comma, omittingEmptySubsequences: false) {
                let coding = HTTPSyntax.trimmingWhitespace(ArraySlice(member))
                // A coding may carry parameters (`gzip;q=1`); its name is the token before them.
                let name = coding.prefix { $0 != HTTPSyntax.semicolon }
                let trimmedName = HTTPSyntax.trimmingWhitespace(name)
                guard HTTPSyntax.isToken(trimmedName) else {
                    throw HTTPParseError(.badRequest, "Transfer-Encoding is not a list of transfer codings.")
                }
                let lowered = String(decoding: trimmedName, as: UTF8.self).lowercased()
                if lowered == "chunked" && name.count != coding.count {
                    throw HTTPParseError(.badRequest, "The chunked transfer coding takes no parameters.")
                }
                codings.append(lowered)
            }
        }
        let chunkedCount = codings.count { $0 == "chunked" }
        guard chunkedCount <= 1 else {
            throw HTTPParseError(.badRequest, "Transfer-Encoding names chunked more than once.")
        }
        guard codings.last == "chunked" else {
            throw HTTPParseError(
                .badRequest, "Transfer-Encoding must end with chunked, or the body length cannot be determined.")
        }
        if let other = codings.first(where: { $0 != "chunked" }) {
            throw HTTPParseError(
                .notImplemented, "The transfer coding '\(other)' is not implemented; send chunked only.")
        }
    }
}
