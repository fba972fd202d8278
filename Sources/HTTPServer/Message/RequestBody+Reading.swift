#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension RequestBody {
    /// The usual piece size: large enough that system calls are rare, small enough that a reader's
    /// memory stays flat whatever the body size.
    public static let defaultChunkSize = 64 * 1024

    /// The body in pieces of at most `size` bytes, read from memory or from the spool file, so a
    /// handler can consume a body of any size without ever holding it whole.
    public func chunks(size: Int = RequestBody.defaultChunkSize) -> RequestBodyChunks {
        RequestBodyChunks(self, size: size)
    }

    /// The body split into lines (LF or CR LF), numbered from 1, each at most `maximumLineBytes`.
    public func lines(
        maximumLineBytes: Int = RequestBodyLines.defaultMaximumLineBytes, chunkSize: Int = RequestBody.defaultChunkSize
    ) -> RequestBodyLines {
        RequestBodyLines(chunks: chunks(size: chunkSize), maximumLineBytes: maximumLineBytes)
    }
}

/// Why a body could not be read back.
public enum RequestBodyReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Line `line` holds more than `limit` bytes. The reader skips to the next line, so reading
    /// may continue after this error.
    case lineTooLong(line: Int, limit: Int)
    /// The spool file could not be opened or read (`code` is the `errno`).
    case readFailed(path: String, operation: String, code: Int32)

    public var description: String {
        switch self {
        case .lineTooLong(let line, let limit):
            "line \(line) is longer than \(limit) bytes"
        case .readFailed(let path, let operation, let code):
            "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        }
    }
}

/// Sequential pieces of a request body.
///
/// A value that owns its position: a spooled body is opened on the first read and closed when the
/// last copy goes away; the spool file itself is kept alive (not unlinked) for as long as it is read.
public struct RequestBodyChunks {
    private enum Source {
        case memory([UInt8], offset: Int)
        case file(SpoolReader)
        case finished
    }

    private var source: Source
    public let size: Int

    init(_ body: RequestBody, size: Int) {
        self.size = max(1, size)
        switch body {
        case .empty: source = .finished
        case .bytes(let bytes): source = .memory(bytes, offset: 0)
        case .file(let file): source = .file(SpoolReader(file: file))
        }
    }

    /// The next piece, or nil at the end of the body.
    public mutating func next() throws(RequestBodyReadError) -> [UInt8]? {
        switch source {
        case .finished:
            return nil
        case .memory(let bytes, let offset):
            guard offset < bytes.count else {
                source = .finished
                return nil
            }
            let end = offset + min(size, bytes.count - offset)
            source = .memory(bytes, offset: end)
            return Array(bytes[offset..<end])
        case .file(let reader):
            guard let chunk = try reader.nextChunk(upTo: size) else {
                source = .finished
                return nil
            }
            return chunk
        }
    }
}

/// Reads a spooled body through its own descriptor. A class so the descriptor is closed exactly once.
private final class SpoolReader {
    private let file: SpooledFile
    private var descriptor: Int32 = -1

    init(file: SpooledFile) {
        self.file = file
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func nextChunk(upTo size: Int) throws(RequestBodyReadError) -> [UInt8]? {
        if descriptor < 0 {
            descriptor = file.path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
            guard descriptor >= 0 else { throw .readFailed(path: file.path, operation: "open", code: errno) }
        }
        var chunk = [UInt8](repeating: 0, count: size)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count > 0 {
                chunk.removeSubrange(count...)
                return chunk
            }
            if count == 0 { return nil }
            if errno != EINTR { throw .readFailed(path: file.path, operation: "read", code: errno) }
        }
    }
}

/// One line of a body: its bytes without the line end, and its 1-based physical line number.
public struct RequestBodyLine: Sendable, Equatable {
    public var number: Int
    public var bytes: [UInt8]

    public init(number: Int, bytes: [UInt8]) {
        self.number = number
        self.bytes = bytes
    }

    /// Only spaces and tabs (or nothing): a line an NDJSON reader skips.
    public var isBlank: Bool {
        bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}

/// The lines of a body, for line-oriented formats such as NDJSON.
///
/// Lines end at LF; a CR right before it is dropped too. A last line without a line end is still
/// a line; an empty body has none. Memory holds one chunk plus the current line, never the body.
/// A line over the limit is refused with its number, its bytes are skipped up to the next line
/// end, and reading can go on, so one runaway line does not hide the faults of the lines after it.
public struct RequestBodyLines {
    /// Far more than any record this server reads per line, far less than a body.
    public static let defaultMaximumLineBytes = 64 * 1024

    public let maximumLineBytes: Int
    private var chunks: RequestBodyChunks
    private var buffer: [UInt8] = []
    /// Where the current line starts in `buffer`.
    private var start = 0
    /// Where the search for the next LF resumes, so a long line is scanned once, not per chunk.
    private var scanned = 0
    private var lineNumber = 0
    private var skippingOverlongLine = false
    private var atEnd = false

    init(chunks: RequestBodyChunks, maximumLineBytes: Int) {
        self.chunks = chunks
        self.maximumLineBytes = max(1, maximumLineBytes)
    }

    /// The next line, or nil at the end of the body.
    public mutating func next() throws(RequestBodyReadError) -> RequestBodyLine? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let lineStart = start
                start = newline + 1
                scanned = start
                if skippingOverlongLine {
                    skippingOverlongLine = false
                    continue
                }
                return try line(from: lineStart, to: newline)
            }
            scanned = buffer.count
            if skippingOverlongLine {
                discardBuffered()
            } else if buffer.count - start > maximumLineBytes + 1 {
                // Refused before its end arrives (one byte of slack for the CR of a CR LF), so a
                // line with no end in sight cannot grow the buffer.
                lineNumber += 1
                skippingOverlongLine = true
                discardBuffered()
                throw .lineTooLong(line: lineNumber, limit: maximumLineBytes)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let lineStart = start
                start = buffer.count
                scanned = start
                return try line(from: lineStart, to: buffer.count)
            }
            try refill()
        }
    }

    /// Numbers the line and copies it out without its line end, refusing it when too long.
    private mutating func line(from lineStart: Int, to end: Int) throws(RequestBodyReadError) -> RequestBodyLine {
        lineNumber += 1
        var contentEnd = end
        if contentEnd > lineStart && buffer[contentEnd - 1] == UInt8(ascii: "\r") {
            contentEnd -= 1
        }
        guard contentEnd - lineStart <= maximumLineBytes else {
            throw .lineTooLong(line: lineNumber, limit: maximumLineBytes)
        }
        return RequestBodyLine(number: lineNumber, bytes: Array(buffer[lineStart..<contentEnd]))
    }

    private mutating func discardBuffered() {
        buffer.removeAll(keepingCapacity: true)
        start = 0
        scanned = 0
    }

    private mutating func refill() throws(RequestBodyReadError) {
        guard let chunk = try chunks.next() else {
            atEnd = true
            return
        }
        if start > 0 {
            buffer.removeSubrange(..<start)
            scanned -= start
            start = 0
        }
        buffer.append(contentsOf: chunk)
    }
}
