/// The byte-level RFC 4180 state machine behind ``CSVReader``.
///
/// All state that must survive a chunk boundary lives here: the grammar state, the field and
/// record being built, the line counter and a possibly split byte order mark. Line ends are counted
/// the same way inside and outside quotes (CR LF once, lone CR or LF once), so record lines match
/// what a text editor shows.
struct CSVScanner: Sendable {
    private enum State: Sendable {
        /// Between records: nothing of the next record seen yet.
        case recordStart
        /// Just after a comma.
        case fieldStart
        case unquoted
        case quoted
        /// A quote inside a quoted field: either the first half of `""` or the closing quote.
        case quoteInQuoted
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    let maximumRecordBytes: Int
    private(set) var error: CSVError?

    private var state = State.recordStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var recordLine = 1
    private var fieldLine = 1
    private var recordBytes = 0
    /// Line of the byte being looked at.
    private var line = 1
    private var previousWasCarriageReturn = false
    /// Leading bytes held back until it is known whether they are a byte order mark.
    private var leadingBytes: [UInt8] = []
    private var isPastStart = false

    init(maximumRecordBytes: Int) {
        self.maximumRecordBytes = maximumRecordBytes
    }

    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, into records: inout [CSVRecord]) {
        var start = 0
        if !isPastStart {
            // Hold back bytes until three are seen or they stop matching the BOM.
            while start < chunk.count, leadingBytes.count < 3, chunk[start] == Self.byteOrderMark[leadingBytes.count] {
                leadingBytes.append(chunk[start])
                start += 1
            }
            if leadingBytes.count == 3 {
                leadingBytes = []
                isPastStart = true
            } else if start < chunk.count {
                // Not a BOM after all: the held bytes are ordinary input.
                isPastStart = true
                let held = leadingBytes
                leadingBytes = []
                for byte in held { step(byte, into: &records) }
            }
        }
        var index = start
        while index < chunk.count, error == nil {
            let runEnd = plainRunEnd(in: chunk, from: index)
            if runEnd > index {
                appendRun(UnsafeBufferPointer(rebasing: chunk[index..<runEnd]))
                index = runEnd
            } else {
                step(chunk[index], into: &records)
                index += 1
            }
        }
    }

    /// Inside a field, the end of the bytes that need no decision (no quote, no line end, and in an
    /// unquoted field no comma); copying those as one run is what makes large uploads fast.
    private func plainRunEnd(in chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let commaEndsRun: Bool
        switch state {
        case .unquoted: commaEndsRun = true
        case .quoted: commaEndsRun = false
        case .recordStart, .fieldStart, .quoteInQuoted: return start
        }
        var end = start
        while end < chunk.count {
            let byte = chunk[end]
            if byte == Self.quote || byte == Self.lineFeed || byte == Self.carriageReturn
                || (commaEndsRun && byte == Self.comma)
            {
                break
            }
            end += 1
        }
        return end
    }

    private mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>) {
        recordBytes += run.count
        if recordBytes > maximumRecordBytes {
            fail(.recordTooLong, "record is longer than \(maximumRecordBytes) bytes", line: recordLine)
            return
        }
        field.append(contentsOf: run)
        previousWasCarriageReturn = false
    }

    mutating func finish(into records: inout [CSVRecord]) {
        if !isPastStart {
            isPastStart = true
            let held = leadingBytes
            leadingBytes = []
            for byte in held { step(byte, into: &records) }
        }
        guard error == nil else { return }
        switch state {
        case .recordStart:
            break
        case .fieldStart, .unquoted, .quoteInQuoted:
            endField()
            endRecord(into: &records)
        case .quoted:
            fail(.unterminatedQuote, "quoted field is not closed before the end of the input", line: fieldLine)
        }
    }

    private mutating func step(_ byte: UInt8, into records: inout [CSVRecord]) {
        guard error == nil else { return }
        let isLineEnd = byte == Self.lineFeed || byte == Self.carriageReturn
        if state != .recordStart || !isLineEnd {
            recordBytes += 1
            if recordBytes > maximumRecordBytes {
                fail(.recordTooLong, "record is longer than \(maximumRecordBytes) bytes", line: recordLine)
                return
            }
        }
        switch state {
        case .recordStart:
            if !isLineEnd {
                recordLine = line
                startField(with: byte)
            }
        case .fieldStart:
            if isLineEnd {
                endField()
                endRecord(into: &records)
            } else {
                startField(with: byte)
            }
        case .unquoted:
            if byte == Self.comma {
                endField()
                state = .fieldStart
            } else if isLineEnd {
                endField()
                endRecord(into: &records)
            } else if byte == Self.quote {
                fail(.quoteInUnquotedField, "a quote may only appear in a field that is enclosed in quotes")
            } else {
                field.append(byte)
            }
        case .quoted:
            if byte == Self.quote {
                state = .quoteInQuoted
            } else {
                field.append(byte)
            }
        case .quoteInQuoted:
            if byte == Self.quote {
                field.append(byte)
                state = .quoted
            } else if byte == Self.comma {
                endField()
                state = .fieldStart
            } else if isLineEnd {
                endField()
                endRecord(into: &records)
            } else {
                fail(
                    .characterAfterClosingQuote,
                    "a closing quote must be followed by ',' or a line end (write \"\" for a quote inside a field)")
            }
        }
        countLine(byte)
    }

    /// The first byte of a field; `,` ends it at once (an empty field).
    private mutating func startField(with byte: UInt8) {
        fieldLine = line
        switch byte {
        case Self.quote:
            state = .quoted
        case Self.comma:
            endField()
            state = .fieldStart
        default:
            field.append(byte)
            state = .unquoted
        }
    }

    private mutating func countLine(_ byte: UInt8) {
        if byte == Self.carriageReturn {
            line += 1
            previousWasCarriageReturn = true
        } else {
            if byte == Self.lineFeed, !previousWasCarriageReturn {
                line += 1
            }
            previousWasCarriageReturn = false
        }
    }

    private mutating func endField() {
        guard error == nil else { return }
        // Most fields are ASCII, which needs no validation beyond the check itself.
        let isASCII = field.allSatisfy { $0 < 0x80 }
        guard let text = isASCII ? String(decoding: field, as: UTF8.self) : String(validating: field, as: UTF8.self)
        else {
            fail(.invalidUTF8, "field \(fields.count + 1) is not valid UTF-8", line: fieldLine)
            return
        }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(into records: inout [CSVRecord]) {
        state = .recordStart
        recordBytes = 0
        guard error == nil else { return }
        let width = fields.count
        records.append(CSVRecord(fields: fields, line: recordLine))
        fields = []
        fields.reserveCapacity(width)
    }

    private mutating func fail(_ kind: CSVError.Kind, _ message: String, line: Int? = nil) {
        error = CSVError(kind: kind, line: line ?? self.line, message: message)
    }
}
