/// What the parser found next in the byte stream.
public enum ParseEvent: Sendable {
    /// A complete, validated request head.
    case head(RequestHead)
    /// A piece of body content (already de-chunked). May come many times per request.
    case body([UInt8])
    /// The request (head and body, trailers dropped) is complete; the next bytes start a new request.
    case end
}

/// An incremental, strict HTTP/1.1 request parser (RFC 9112).
///
/// Bytes are appended as they arrive from the socket; `next()` returns events until it needs more
/// bytes (`nil`). It is a value type with no I/O so that every edge case can be unit tested by
/// feeding bytes, and the fuzzer can drive it directly.
///
/// The head is reported as soon as it is complete, before any body byte, so the server can
/// answer `Expect: 100-continue` or refuse an oversized upload early; body bytes are reported as
/// soon as they are buffered. Several pipelined requests in one append come out in order. The
/// first error is final: every later call throws it again, because once framing is in doubt
/// nothing after it on the connection can be trusted.
public struct RequestParser: Sendable {
    private enum State: Sendable {
        case requestLine
        case headerFields
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerFields
        case complete
        case failed(HTTPParseError)
    }

    /// A request line has been read; its header fields are being collected.
    private struct PendingHead: Sendable {
        let line: RequestLine
        let target: RequestTarget
        var headers = HTTPHeaders()
    }

    /// Empty lines tolerated before a request line (RFC 9112 section 2.2 asks for at least one,
    /// for clients that add a CRLF after a body); more looks like garbage and is 400.
    private static let maxLeadingEmptyLines = 4

    public let limits: ParserLimits
    private var buffer = ParseBuffer()
    private var state = State.requestLine
    private var pending: PendingHead?
    /// Field-line bytes and count of the current request, head and trailers together.
    private var fieldBytes = 0
    private var fieldCount = 0
    private var emptyLinesSkipped = 0
    /// How much of the unfinished request line has been checked for bytes no request line holds.
    private var requestLineChecked = 0
    private var requestLineSpaces = 0

    public init(limits: ParserLimits = ParserLimits()) {
        self.limits = limits
    }

    /// Adds bytes read from the connection. Ignored once the parser has failed.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if case .failed = state { return }
        buffer.append(bytes)
    }

    /// Adds bytes read from the connection straight from the read buffer, without an
    /// intermediate array. Ignored once the parser has failed.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if case .failed = state { return }
        buffer.append(bytes)
    }

    /// The next event, or nil when more bytes are needed. After an error the parser is unusable.
    public mutating func next() throws(HTTPParseError) -> ParseEvent? {
        if case .failed(let error) = state { throw error }
        do throws(HTTPParseError) {
            return try step()
        } catch {
            state = .failed(error)
            // The fields read so far are kept (`partialHeaders`): the answer to the refused head
            // may need its Origin. Nothing else of the input is.
            buffer.removeAll()
            throw error
        }
    }

    /// Bytes appended but not yet consumed (for pipelining diagnostics and tests).
    public var bufferedByteCount: Int { buffer.readableCount }

    /// The fields of a head still being read (or refused part-way, as too large), for answering a
    /// refused head as well as the server can: its `Origin`, for CORS headers on the problem.
    public var partialHeaders: HTTPHeaders? { pending?.headers }

    private mutating func step() throws(HTTPParseError) -> ParseEvent? {
        while true {
            switch state {
            case .requestLine:
                guard try readRequestLine() else { return nil }
            case .headerFields:
                guard let line = try nextFieldLine() else { return nil }
                guard line.isEmpty else {
                    let field = try FieldLine(parsing: buffer[line])
                    pending?.headers.add(field.name, field.value)
                    continue
                }
                return .head(try finishHead())
            case .fixedBody(let remaining):
                guard buffer.readableCount > 0 else { return nil }
                let bytes = buffer.read(upTo: remaining)
                state = bytes.count == remaining ? .complete : .fixedBody(remaining: remaining - bytes.count)
                return .body(bytes)
            case .chunkSize:
                guard let line = try nextChunkSizeLine() else { return nil }
                let size = try ChunkSizeLine.size(of: buffer[line])
                state = size == 0 ? .trailerFields : .chunkData(remaining: size)
            case .chunkData(let remaining):
                guard buffer.readableCount > 0 else { return nil }
                let bytes = buffer.read(upTo: remaining)
                state = bytes.count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - bytes.count)
                return .body(bytes)
            case .chunkDataEnd:
                guard try readChunkDataCRLF() else { return nil }
                state = .chunkSize
            case .trailerFields:
                guard let line = try nextFieldLine() else { return nil }
                if line.isEmpty {
                    state = .complete
                } else {
                    // Validated like any field so a bad trailer cannot hide, then dropped: no
                    // handler here has a use for trailers, and merging them invites confusion.
                    _ = try FieldLine(parsing: buffer[line])
                }
            case .complete:
                state = .requestLine
                fieldBytes = 0
                fieldCount = 0
                emptyLinesSkipped = 0
                return .end
            case .failed(let error):
                throw error
            }
        }
    }

    /// Reads the request line into `pending`; false when more bytes are needed.
    private mutating func readRequestLine() throws(HTTPParseError) -> Bool {
        while true {
            switch buffer.nextLine() {
            case .bareLF(let lineLength):
                // The bytes before the LF fail first if they would have while the LF was still
                // on its way, so the answer does not depend on how the reads were split.
                try checkRequestLinePrefix(buffer.readable(from: 0, limit: lineLength))
                if lineLength > limits.maxRequestLineBytes { throw Self.requestLineTooLong(limits) }
                throw HTTPParseError(.badRequest, "A line ends with LF alone; HTTP lines end with CRLF.")
            case .incomplete(let pending):
                try checkRequestLinePrefix(buffer.readable(from: 0, limit: pending))
                if pending > limits.maxRequestLineBytes { throw Self.requestLineTooLong(limits) }
                return false
            case .line(let range):
                // Checked as the incremental path would have, so results do not depend on how
                // the bytes were split into reads.
                try checkRequestLinePrefix(buffer[range])
                requestLineChecked = 0
                requestLineSpaces = 0
                if range.isEmpty {
                    emptyLinesSkipped += 1
                    guard emptyLinesSkipped <= Self.maxLeadingEmptyLines else {
                        throw HTTPParseError(.badRequest, "Too many empty lines before the request line.")
                    }
                    continue
                }
                if range.count > limits.maxRequestLineBytes { throw Self.requestLineTooLong(limits) }
                let line = try RequestLine(parsing: buffer[range])
                let target = try RequestTarget(bytes: line.target[...], method: line.method)
                pending = PendingHead(line: line, target: target)
                state = .headerFields
                return true
            }
        }
    }

    /// Refuses, as soon as they arrive, bytes that can never start a request line: so TLS or
    /// binary sent to this port is answered at once instead of after 8 KiB. Only the first
    /// `maxRequestLineBytes + 1` bytes are looked at, like the length check.
    private mutating func checkRequestLinePrefix(_ lineSoFar: ArraySlice<UInt8>) throws(HTTPParseError) {
        let end = min(lineSoFar.count, limits.maxRequestLineBytes + 1)
        guard requestLineChecked < end else { return }
        let start = lineSoFar.startIndex
        for byte in lineSoFar[(start + requestLineChecked)..<(start + end)] {
            if byte == HTTPSyntax.space {
                requestLineSpaces += 1
            } else if requestLineSpaces == 0 && !HTTPSyntax.isTokenChar(byte) {
                throw HTTPParseError(.badRequest, "The request does not start with an HTTP method.")
            } else if !HTTPSyntax.isVisible(byte) && byte != HTTPSyntax.cr {
                throw HTTPParseError(.badRequest, "The request line contains \(HTTPSyntax.describe(byte)).")
            }
        }
        requestLineChecked = end
    }

    private static func requestLineTooLong(_ limits: ParserLimits) -> HTTPParseError {
        HTTPParseError(.uriTooLong, "The request line is longer than \(limits.maxRequestLineBytes) bytes.")
    }

    /// The next header or trailer line (empty at the end of the section), counted against the
    /// limits; nil when more bytes are needed.
    private mutating func nextFieldLine() throws(HTTPParseError) -> Range<Int>? {
        switch buffer.nextLine() {
        case .bareLF(let lineLength):
            // As if the LF had not arrived yet, so the answer does not depend on read splits.
            if lineLength > 0 && fieldBytes + lineLength + 2 > limits.maxHeaderBytes {
                throw Self.headerTooLarge(limits)
            }
            throw HTTPParseError(.badRequest, "A header line ends with LF alone; HTTP lines end with CRLF.")
        case .incomplete(let pendingBytes):
            // A lone CR may start the empty line that ends the section, which costs nothing.
            if pendingBytes > 0 && fieldBytes + pendingBytes + 2 > limits.maxHeaderBytes {
                throw Self.headerTooLarge(limits)
            }
            return nil
        case .line(let range):
            if range.isEmpty { return range }
            fieldBytes += range.count + 2
            fieldCount += 1
            if fieldBytes > limits.maxHeaderBytes { throw Self.headerTooLarge(limits) }
            if fieldCount > limits.maxHeaderCount {
                throw HTTPParseError(
                    .requestHeaderFieldsTooLarge, "The request has more than \(limits.maxHeaderCount) header fields.")
            }
            return range
        }
    }

    private static func headerTooLarge(_ limits: ParserLimits) -> HTTPParseError {
        HTTPParseError(
            .requestHeaderFieldsTooLarge, "The header section is larger than \(limits.maxHeaderBytes) bytes.")
    }

    private mutating func finishHead() throws(HTTPParseError) -> RequestHead {
        guard let pending else {
            throw HTTPParseError(.internalServerError, "The parser lost the request line.")
        }
        self.pending = nil
        let head = try RequestHead(line: pending.line, target: pending.target, headers: pending.headers)
        switch head.framing {
        case .none, .contentLength(0): state = .complete
        case .contentLength(let length): state = .fixedBody(remaining: length)
        case .chunked: state = .chunkSize
        }
        return head
    }

    private mutating func nextChunkSizeLine() throws(HTTPParseError) -> Range<Int>? {
        switch buffer.nextLine() {
        case .bareLF(let lineLength):
            // As if the LF had not arrived yet, so the answer does not depend on read splits.
            if lineLength > limits.maxChunkLineBytes { throw Self.chunkLineTooLong(limits) }
            throw HTTPParseError(.badRequest, "A chunk-size line ends with LF alone; HTTP lines end with CRLF.")
        case .incomplete(let pendingBytes):
            if pendingBytes > limits.maxChunkLineBytes { throw Self.chunkLineTooLong(limits) }
            return nil
        case .line(let range):
            if range.count > limits.maxChunkLineBytes { throw Self.chunkLineTooLong(limits) }
            return range
        }
    }

    private static func chunkLineTooLong(_ limits: ParserLimits) -> HTTPParseError {
        HTTPParseError(.badRequest, "A chunk-size line is longer than \(limits.maxChunkLineBytes) bytes.")
    }

    /// Consumes the CRLF that must follow chunk data; false when it has not fully arrived.
    private mutating func readChunkDataCRLF() throws(HTTPParseError) -> Bool {
        if let first = buffer.peek(at: 0), first != HTTPSyntax.cr {
            throw HTTPParseError(.badRequest, "Chunk data is longer than its size or not followed by CRLF.")
        }
        if let second = buffer.peek(at: 1), second != HTTPSyntax.lf {
            throw HTTPParseError(.badRequest, "Chunk data is longer than its size or not followed by CRLF.")
        }
        guard buffer.readableCount >= 2 else { return false }
        buffer.skip(2)
        return true
    }
}
