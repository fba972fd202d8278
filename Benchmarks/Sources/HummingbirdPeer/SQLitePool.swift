import CSQLitePeer
import Foundation
import Synchronization

/// Read-only SQLite connections, opened on demand and reused: a request takes one, runs its
/// statements and gives it back, so there are at most as many connections as requests in flight
/// (in practice as many as the blocking thread pool has threads). Statements are prepared per
/// request with `sqlite3_prepare_v2`, as a plain Swift user would write it.
final class SQLitePool: Sendable {
    let path: String
    private let idle = Mutex<[SQLiteConnection]>([])

    init(path: String) {
        self.path = path
    }

    func withConnection<Result>(_ body: (SQLiteConnection) throws -> Result) throws -> Result {
        let connection = try idle.withLock { $0.popLast() } ?? SQLiteConnection(path: path)
        defer { idle.withLock { $0.append(connection) } }
        return try body(connection)
    }
}

struct SQLiteError: Error, CustomStringConvertible {
    let description: String
}

/// One `sqlite3*` opened read-only; used by one request at a time (the pool hands it out).
final class SQLiteConnection: @unchecked Sendable {
    private let handle: OpaquePointer

    init(path: String) throws {
        var handle: OpaquePointer?
        let status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let handle else {
            if let handle { sqlite3_close(handle) }
            throw SQLiteError(description: "cannot open \(path): status \(status)")
        }
        self.handle = handle
        sqlite3_busy_timeout(handle, 5000)
    }

    deinit {
        sqlite3_close(handle)
    }

    /// Runs `sql` with text arguments and hands each row to `row`.
    func query(_ sql: String, _ arguments: [String], row: (OpaquePointer) throws -> Void) throws {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw SQLiteError(description: String(cString: sqlite3_errmsg(handle)))
        }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, argument) in arguments.enumerated() {
            sqlite3_bind_text(statement, Int32(index + 1), argument, -1, transient)
        }
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: try row(statement)
            case SQLITE_DONE: return
            default: throw SQLiteError(description: String(cString: sqlite3_errmsg(handle)))
            }
        }
    }
}
