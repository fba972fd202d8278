import CLibPQ
import SQLCore

#if canImport(Glibc)
    import Glibc
#endif

/// One PostgreSQL connection (libpq's `PGconn`) with its own cache of prepared statements.
///
/// Deliberately not `Sendable`: libpq connections must not be used from two threads at once.
/// Sharing happens one level up, in `PGDatabase`, which lends a connection to one closure at a
/// time. Parameters always travel separately from the SQL (`PQexecPrepared`), never spliced in;
/// every statement is prepared once per connection, on first use, and reused by name.
public final class PGConnection {
    let handle: OpaquePointer
    /// Prepared statement names by SQL text as the caller wrote it.
    private var prepared: [String: String] = [:]
    var savepointDepth = 0
    /// Set by a transaction while it is open, so a nested one becomes a savepoint.
    var isInTransaction = false

    /// Connects to `url` (a `postgres://` or `postgresql://` URL, or any libpq connection
    /// string), with `search_path` set to `schema` when given. Throws a `PGError` whose message
    /// never contains the password.
    public init(url: String, schema: String? = nil, connectTimeoutSeconds: Int = 5) throws {
        let keywords = ["dbname", "connect_timeout", "application_name", "client_encoding"]
        let values = [url, String(connectTimeoutSeconds), "council-api", "UTF8"]
        let connection = PGConnection.connect(keywords: keywords, values: values)
        guard let connection else { throw PGError.connection("libpq could not allocate a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.errorMessage(connection)
            PQfinish(connection)
            throw PGError.connection("cannot connect to PostgreSQL: \(message)")
        }
        self.handle = connection
        try execute(script: "SET DateStyle = ISO; SET IntervalStyle = iso_8601; SET client_min_messages = warning")
        if let schema {
            guard let quoted = PQescapeIdentifier(handle, schema, schema.utf8.count) else {
                throw PGError.misuse("schema name \(schema) cannot be quoted")
            }
            defer { PQfreemem(quoted) }
            try execute(script: "SET search_path = \(String(cString: quoted))")
        }
    }

    deinit {
        PQfinish(handle)
    }

    private static func connect(keywords: [String], values: [String]) -> OpaquePointer? {
        let keywordCopies = keywords.map { strdup($0) }
        let valueCopies = values.map { strdup($0) }
        defer {
            keywordCopies.forEach { free($0) }
            valueCopies.forEach { free($0) }
        }
        // Both arrays end with nil, as libpq reads them up to the first null keyword.
        let keywordArray: [UnsafePointer<CChar>?] = keywordCopies.map { $0.map { UnsafePointer<CChar>($0) } } + [nil]
        let valueArray: [UnsafePointer<CChar>?] = valueCopies.map { $0.map { UnsafePointer<CChar>($0) } } + [nil]
        // expand_dbname = 1: the URL in `dbname` is parsed; the later keywords add to it.
        return PQconnectdbParams(keywordArray, valueArray, 1)
    }

    /// Whether the connection is still usable; a broken one is dropped by the pool.
    public var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The server's version number (`150004` for 15.4).
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Runs a script of zero or more statements without parameters (`PQexec`). For DDL,
    /// migrations and session settings; use `run` for parameterised SQL.
    public func execute(script: String) throws {
        let result = PQexec(handle, script)
        _ = try check(result, sql: script)
    }

    /// Runs `sql` with `arguments` and returns its whole result.
    func execute(_ sql: String, _ arguments: StatementArguments) throws -> PGResult {
        guard case .positional(let values) = arguments else {
            throw PGError.misuse("named parameters are SQLite's; pass positional arguments", sql: sql)
        }
        let name = try preparedName(sql, argumentCount: values.count)
        let parameters = try PGParameters(values, sql: sql)
        let result = parameters.withPointers { values, lengths, formats in
            PQexecPrepared(handle, name, Int32(parameters.count), values, lengths, formats, 0)
        }
        return try check(result, sql: sql)
    }

    private func preparedName(_ sql: String, argumentCount: Int) throws -> String {
        if let name = prepared[sql] { return name }
        let (text, parameterCount) = PlaceholderRewriting.rewrite(sql)
        guard parameterCount == argumentCount else {
            throw PGError.misuse("the statement takes \(parameterCount) parameters, \(argumentCount) given", sql: sql)
        }
        let name = "council_api_\(prepared.count + 1)"
        let result = PQprepare(handle, name, text, Int32(parameterCount), nil)
        _ = try check(result, sql: sql)
        prepared[sql] = name
        return name
    }

    /// Number of prepared statements in the cache.
    public var preparedStatementCount: Int { prepared.count }

    /// The result when it reports success, else the error it carries (freeing it).
    private func check(_ result: OpaquePointer?, sql: String) throws -> PGResult {
        guard let result else {
            throw PGError.connection(Self.errorMessage(handle), sql: sql)
        }
        let wrapped = PGResult(handle: result, sql: sql)
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN:
            return wrapped
        default:
            throw Self.error(from: result, connection: handle, sql: sql)
        }
    }

    static func error(from result: OpaquePointer, connection: OpaquePointer, sql: String?) -> PGError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let sqlState = field(CLIBPQ_DIAG_SQLSTATE)
        let message = field(CLIBPQ_DIAG_MESSAGE_PRIMARY) ?? errorMessage(connection)
        if sqlState == nil || PQstatus(connection) != CONNECTION_OK {
            return .connection(message, sql: sql)
        }
        return PGError(
            sqlState: sqlState, message: message, detail: field(CLIBPQ_DIAG_MESSAGE_DETAIL),
            constraint: field(CLIBPQ_DIAG_CONSTRAINT_NAME), table: field(CLIBPQ_DIAG_TABLE_NAME),
            column: field(CLIBPQ_DIAG_COLUMN_NAME), sql: sql)
    }

    static func errorMessage(_ connection: OpaquePointer) -> String {
        guard let message = PQerrorMessage(connection) else { return "unknown libpq error" }
        var text = String(cString: message)
        while text.last?.isNewline == true || text.last == " " { text.removeLast() }
        return text.isEmpty ? "the connection to the server was lost" : text
    }
}
