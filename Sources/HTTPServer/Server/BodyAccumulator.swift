import Glibc

/// Why a request body could not be collected.
enum BodyCollectionError: Error {
    /// More bytes arrived than the route allows.
    case tooLarge(limit: Int)
    /// The spool file could not be created or written.
    case spoolFailed(String)
    /// Spooling this body would take the bodies spooled at once past `ServerConfiguration.maxSpoolBytes`.
    case spoolFull(limit: Int)
}

/// Collects a request body as it arrives: in memory up to a threshold, then in a temporary file.
///
/// Spooling keeps memory flat for bulk uploads, and it is done on arrival (not after) so no worker
/// thread is ever parked waiting on a slow client's body.
struct BodyAccumulator {
    let limit: Int
    let memoryThreshold: Int
    let temporaryDirectory: String
    let budget: SpoolBudget
    private var memory: [UInt8] = []
    private var spool: SpoolWriter?
    private(set) var count = 0

    init(limit: Int, memoryThreshold: Int, temporaryDirectory: String, budget: SpoolBudget) {
        self.limit = limit
        self.memoryThreshold = memoryThreshold
        self.temporaryDirectory = temporaryDirectory
        self.budget = budget
    }

    mutating func append(_ bytes: [UInt8]) throws(BodyCollectionError) {
        guard !bytes.isEmpty else { return }
        guard bytes.count <= limit - count else { throw .tooLarge(limit: limit) }
        count += bytes.count
        if let spool {
            try spool.write(bytes)
        } else if memory.count + bytes.count > memoryThreshold {
            let writer = try SpoolWriter(directory: temporaryDirectory, budget: budget)
            spool = writer
            try writer.write(memory)
            try writer.write(bytes)
            memory = []
        } else {
            memory.append(contentsOf: bytes)
        }
    }

    /// The collected body; a spooled one is handed over as a file that deletes itself when dropped.
    mutating func finish() throws(BodyCollectionError) -> RequestBody {
        if let spool {
            self.spool = nil
            return .file(try spool.finish(byteCount: count))
        }
        return memory.isEmpty ? .empty : .bytes(memory)
    }
}

/// An open temporary file being filled. If the request is abandoned before `finish`, the file is
/// closed and removed when the writer goes away.
private final class SpoolWriter {
    private var fd: Int32
    private let path: String
    private var handedOver = false
    private let budget: SpoolBudget
    /// Bytes taken from the budget so far; given back when the file goes.
    private var reserved = 0

    init(directory: String, budget: SpoolBudget) throws(BodyCollectionError) {
        self.budget = budget
        var template = Array((directory + "/httpserver-body-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            let descriptor = mkstemp(base)
            if descriptor >= 0 { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            return descriptor
        }
        guard descriptor >= 0 else {
            throw .spoolFailed("mkostemp in \(directory): \(String(cString: strerror(errno)))")
        }
        fd = descriptor
        path = template.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { String(cString: $0) } ?? ""
        }
    }

    func write(_ bytes: [UInt8]) throws(BodyCollectionError) {
        guard budget.reserve(bytes.count) else { throw .spoolFull(limit: budget.limit) }
        reserved += bytes.count
        if let failure = SystemCalls.writeAll(fd, bytes) {
            throw .spoolFailed("write \(path): \(String(cString: strerror(failure)))")
        }
    }

    func finish(byteCount: Int) throws(BodyCollectionError) -> SpooledFile {
        let closed = close(fd)
        fd = -1
        guard closed == 0 else { throw .spoolFailed("close \(path): \(String(cString: strerror(errno)))") }
        handedOver = true
        let budget = budget
        let reserved = reserved
        return SpooledFile(path: path, byteCount: byteCount, onDelete: { budget.release(reserved) })
    }

    deinit {
        if fd >= 0 { close(fd) }
        if !handedOver {
            _ = path.withCString { unlink($0) }
            budget.release(reserved)
        }
    }
}
