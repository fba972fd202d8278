/// An incremental RFC 4180 reader: bytes go in as they arrive, records come out one at a time.
///
/// Incremental because bulk uploads may be 64 MiB: memory holds the current record and whatever
/// records the last chunk completed, never the whole input. Bytes are fed with ``append(_:)``,
/// the end is announced with ``finish()``, and ``nextRecord()`` hands out records, answering `nil`
/// when it needs more input (or, after `finish()`, at the end). ``nextRecord(from:)`` does the
/// feeding itself from any ``CSVByteSource``.
///
/// Accepted: quoted fields with commas, doubled quotes and embedded line breaks; CR LF, LF or lone
/// CR line ends; a UTF-8 byte order mark at the very start (skipped). Blank lines produce no record.
/// Refused, with the line: an unterminated quote, a quote inside an unquoted field, anything but a
/// comma or line end after a closing quote, invalid UTF-8, and records over the size limit. The first
/// error is final: the records before it are still handed out, then every call throws that error,
/// since after a quoting error the rest of the input cannot be split reliably.
public struct CSVReader: Sendable {
    public static let defaultMaximumRecordBytes = 1 << 20

    /// Bytes one record may occupy before ``CSVError/Kind/recordTooLong``.
    public let maximumRecordBytes: Int

    var scanner: CSVScanner
    private var ready: [CSVRecord] = []
    private var readyHead = 0
    public private(set) var isFinished = false

    public init(maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes) {
        self.maximumRecordBytes = max(1, maximumRecordBytes)
        self.scanner = CSVScanner(maximumRecordBytes: self.maximumRecordBytes)
    }

    /// Feeds the next piece of input; chunk boundaries may fall anywhere, even inside a character.
    /// Input after ``finish()`` is ignored.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        guard !isFinished else { return }
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            scanner.consume(buffer, into: &ready)
        }
        if handled == nil {
            Array(bytes).withUnsafeBufferPointer { buffer in
                scanner.consume(buffer, into: &ready)
            }
        }
    }

    /// Declares the end of input, completing a final record that has no line end.
    public mutating func finish() {
        guard !isFinished else { return }
        isFinished = true
        scanner.finish(into: &ready)
    }

    /// The next complete record; `nil` when more input is needed or, once finished, at the end.
    public mutating func nextRecord() throws(CSVError) -> CSVRecord? {
        if readyHead < ready.count {
            let record = ready[readyHead]
            readyHead += 1
            if readyHead == ready.count {
                ready.removeAll(keepingCapacity: true)
                readyHead = 0
            }
            return record
        }
        if let error = scanner.error {
            throw error
        }
        return nil
    }

    /// All records of a complete document held in memory (the register import, small uploads).
    public static func records(in text: String) throws(CSVError) -> [CSVRecord] {
        try records(in: Array(text.utf8))
    }

    public static func records(in bytes: some Sequence<UInt8>) throws(CSVError) -> [CSVRecord] {
        var reader = CSVReader()
        reader.append(bytes)
        reader.finish()
        var records: [CSVRecord] = []
        while let record = try reader.nextRecord() {
            records.append(record)
        }
        return records
    }
}
