import CSQLite
import Glibc

/// Tells, without a database read, whether anything has been committed to a WAL database since a
/// moment, by any connection of any process.
///
/// In WAL mode every commit rewrites the header of the WAL index, the `-shm` file every connection
/// to the database maps: its frame count grows, or (when the log starts over) its salt changes,
/// and its checksum covers both. A reader's snapshot is whatever that header names, so a header
/// that reads the same as at an earlier moment means no commit has become visible since. This
/// watch maps the header read-only and compares it; that is a read of 96 bytes of shared memory,
/// no system call, no lock and no wait, so it may be done on an I/O thread where a query may not.
///
/// It exists so that the store revision can be known without a query when nothing was written
/// (see `DatabasePool.knownRevision`). The pool keeps connections open for its whole life, so
/// SQLite neither truncates nor rebuilds the file under the mapping.
final class WALIndexWatch: @unchecked Sendable {
    /// One whole WAL-index header, compared as a whole.
    struct Stamp: Equatable, Sendable {
        var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)

        static func == (lhs: Stamp, rhs: Stamp) -> Bool { lhs.words == rhs.words }
    }

    /// The two copies of the header, at the start of the file.
    private static let headerBytes = 96
    /// Read-only and never written through; immutable after `init` (hence `@unchecked`).
    private let mapping: UnsafeMutableRawPointer

    /// Maps the `-shm` file of the database at `databasePath`, which must already be open in WAL
    /// mode (so the file exists and is initialised); nil when that cannot be done, and then the
    /// revision is always read from the database.
    init?(databasePath: String) {
        // SQLite puts the -shm beside the file a symbolic link names, not beside the link.
        guard let resolved = realpath(databasePath, nil) else { return nil }
        let shmPath = String(cString: resolved) + "-shm"
        free(resolved)
        let fd = open(shmPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= Self.headerBytes else { return nil }
        guard let mapped = mmap(nil, Self.headerBytes, PROT_READ, MAP_SHARED, fd, 0),
            mapped != UnsafeMutableRawPointer(bitPattern: -1)
        else { return nil }
        mapping = mapped
        guard stamp() != nil else {
            munmap(mapping, Self.headerBytes)
            return nil
        }
    }

    deinit {
        munmap(mapping, Self.headerBytes)
    }

    /// The header now, or nil at the instant a commit is rewriting it (then the caller cannot
    /// tell, and must read the database).
    func stamp() -> Stamp? {
        var stamp = Stamp()
        let whole = withUnsafeMutableBytes(of: &stamp.words) { out in
            guard let outBase = out.baseAddress else { return Int32(0) }
            return csqlite_wal_index_header(
                mapping.assumingMemoryBound(to: UInt8.self), outBase.assumingMemoryBound(to: UInt8.self))
        }
        return whole == 1 ? stamp : nil
    }
}
