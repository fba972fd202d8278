/// The parser's input: a growable byte array with a read index.
///
/// Consumed bytes are not removed one line at a time (that would be quadratic); the array is
/// compacted only when the consumed prefix is both large and at least half of it. The LF search
/// remembers how far it got, so a head that arrives one byte per read is still scanned once.
struct ParseBuffer: Sendable {
    /// Where a line search stopped.
    enum LineSearch {
        /// A complete line, CRLF excluded, already consumed; its bytes stay readable through
        /// `subscript(range:)` until the next `append`.
        case line(Range<Int>)
        /// No LF yet. `pending` counts the bytes of the unfinished line, not counting a final CR
        /// that may be the first half of its CRLF.
        case incomplete(pending: Int)
        /// An LF not preceded by CR: refused, since parsers that disagree on line endings are
        /// how requests get smuggled. `lineLength` counts the bytes before it, so the caller can
        /// apply the checks it would have applied had the line arrived without its LF yet.
        case bareLF(lineLength: Int)
    }

    /// Below this many consumed bytes compaction is never worth a memmove.
    private static let compactionThreshold = 4096

    private var storage: [UInt8] = []
    private var readIndex = 0
    /// Bytes after `readIndex` already searched for LF without finding one.
    private var scanned = 0

    var readableCount: Int { storage.count - readIndex }

    mutating func append(_ bytes: some Sequence<UInt8>) {
        compactIfWorthwhile()
        storage.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfWorthwhile()
        storage.append(contentsOf: bytes)
    }

    /// Drops everything, as when the connection's framing can no longer be trusted.
    mutating func removeAll() {
        storage = []
        readIndex = 0
        scanned = 0
    }

    subscript(range: Range<Int>) -> ArraySlice<UInt8> { storage[range] }

    /// The readable byte at `offset` from the read index, or nil when not yet buffered.
    func peek(at offset: Int) -> UInt8? {
        let index = readIndex + offset
        return index < storage.count ? storage[index] : nil
    }

    /// Up to `limit` readable bytes, starting at `offset` from the read index, not consumed.
    func readable(from offset: Int, limit: Int) -> ArraySlice<UInt8> {
        let start = min(readIndex + offset, storage.count)
        return storage[start..<min(start + limit, storage.count)]
    }

    /// Consumes and returns up to `count` bytes.
    mutating func read(upTo count: Int) -> [UInt8] {
        let end = readIndex + min(count, readableCount)
        let bytes = Array(storage[readIndex..<end])
        skip(end - readIndex)
        return bytes
    }

    /// Consumes `count` bytes that the caller knows are buffered.
    mutating func skip(_ count: Int) {
        readIndex += min(count, readableCount)
        scanned = 0
    }

    /// Looks for the next CRLF-terminated line, resuming where the last search stopped.
    mutating func nextLine() -> LineSearch {
        let start = readIndex
        let from = readIndex + scanned
        let end = storage.count
        let found: Int? = storage.withUnsafeBufferPointer { bytes in
            var index = from
            while index < end {
                if bytes[index] == HTTPSyntax.lf { return index }
                index += 1
            }
            return nil
        }
        guard let lf = found else {
            scanned = end - start
            let endsInCR = end > start && storage[end - 1] == HTTPSyntax.cr
            return .incomplete(pending: end - start - (endsInCR ? 1 : 0))
        }
        guard lf > start, storage[lf - 1] == HTTPSyntax.cr else { return .bareLF(lineLength: lf - start) }
        readIndex = lf + 1
        scanned = 0
        return .line(start..<(lf - 1))
    }

    private mutating func compactIfWorthwhile() {
        if readIndex == 0 { return }
        if readIndex == storage.count {
            storage.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex >= Self.compactionThreshold && readIndex * 2 >= storage.count {
            storage.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }
}
