/// Bytes queued for a socket that could not take them yet.
///
/// A queue of chunks rather than one flat array so that a large response body is queued without
/// being copied, and sent bytes are released chunk by chunk.
struct OutboundBuffer {
    private var chunks: [[UInt8]] = []
    private var firstChunk = 0
    /// How much of `chunks[firstChunk]` has been sent.
    private var offset = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Chunks smaller than this are merged with the previous one, so a small head and body leave
    /// in one segment even with Nagle's algorithm off.
    private static let coalesceLimit = 16 * 1024

    mutating func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        count += bytes.count
        if let last = chunks.indices.last, last >= firstChunk,
            bytes.count < Self.coalesceLimit, chunks[last].count < Self.coalesceLimit
        {
            chunks[last].append(contentsOf: bytes)
        } else {
            chunks.append(bytes)
        }
    }

    /// Calls `body` with the unsent part of the first chunk; it returns how many bytes were taken.
    mutating func withFirstUnsent(_ body: (UnsafeRawBufferPointer) -> Int) -> Int {
        guard firstChunk < chunks.count else { return 0 }
        let start = offset
        let taken = chunks[firstChunk].withUnsafeBytes { buffer in
            body(UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
        if taken > 0 { consume(taken) }
        return taken
    }

    private mutating func consume(_ taken: Int) {
        count -= taken
        offset += taken
        if offset >= chunks[firstChunk].count {
            chunks[firstChunk] = []
            firstChunk += 1
            offset = 0
            if firstChunk == chunks.count {
                chunks.removeAll(keepingCapacity: false)
                firstChunk = 0
            } else if firstChunk >= 32 {
                chunks.removeFirst(firstChunk)
                firstChunk = 0
            }
        }
    }

    mutating func removeAll() {
        chunks = []
        firstChunk = 0
        offset = 0
        count = 0
    }
}
