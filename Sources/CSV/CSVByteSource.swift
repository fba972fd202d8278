/// Anything that supplies input in pieces: a file read loop, a spooled request body, a test's list
/// of chunks. A protocol rather than a closure so that sources can own resources (a descriptor)
/// and be passed `inout` without escaping.
public protocol CSVByteSource {
    /// The next piece of input, or `nil` once there is no more. Errors from the source (such as
    /// I/O failures) are passed through ``CSVReader/nextRecord(from:)`` unchanged.
    mutating func nextChunk() throws -> [UInt8]?
}

extension CSVReader {
    /// The next record, pulling chunks from `source` as needed; `nil` at the end of the input.
    ///
    /// Throws a ``CSVError`` for bad CSV, or whatever the source throws.
    public mutating func nextRecord(from source: inout some CSVByteSource) throws -> CSVRecord? {
        while true {
            if let record = try nextRecord() {
                return record
            }
            if isFinished {
                return nil
            }
            if let chunk = try source.nextChunk() {
                append(chunk)
            } else {
                finish()
            }
        }
    }
}

/// In-memory input handed out in fixed-size pieces, for callers (and tests) that hold the bytes
/// but want the streaming path.
public struct CSVChunkedBytes: CSVByteSource, Sendable {
    private let bytes: [UInt8]
    private let chunkSize: Int
    private var offset = 0

    public init(_ bytes: [UInt8], chunkSize: Int = 64 * 1024) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public mutating func nextChunk() -> [UInt8]? {
        guard offset < bytes.count else { return nil }
        let end = min(offset + chunkSize, bytes.count)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}
