import CSQLite
import SQLCore

extension Statement {
    /// Binds `value` to parameter `index` (1-based). `nil` binds NULL.
    public func bind(_ value: (any SQLBindable)?, at index: Int) throws {
        try bind(value: value?.sqlValue ?? .null, at: index)
    }

    /// Binds `value` to the parameter called `name`. The name may carry its prefix
    /// (`:id`, `@id`, `$id`) or omit it (`id`), in which case each prefix is tried.
    public func bind(_ value: (any SQLBindable)?, named name: String) throws {
        guard let index = parameterIndex(named: name) else {
            throw SQLiteError.range("no parameter named '\(name)'", sql: sql)
        }
        try bind(value: value?.sqlValue ?? .null, at: index)
    }

    /// Binds a whole argument list. Every parameter must receive a value and every value
    /// must find a parameter: a silent NULL for a misspelt name is a bug worth an error.
    public func bind(_ arguments: StatementArguments) throws {
        switch arguments {
        case .positional(let values):
            guard values.count == parameterCount else {
                throw SQLiteError.range(
                    "statement has \(parameterCount) parameter(s) but \(values.count) value(s) were given", sql: sql)
            }
            for (offset, value) in values.enumerated() {
                try bind(value: value, at: offset + 1)
            }
        case .named(let values):
            var used = 0
            for index in stride(from: 1, through: parameterCount, by: 1) {
                guard let cName = sqlite3_bind_parameter_name(handle, Int32(index)) else {
                    throw SQLiteError.range("parameter \(index) is positional; pass positional arguments", sql: sql)
                }
                let name = String(cString: cName)
                guard let value = values[name] ?? values[String(name.dropFirst())] else {
                    throw SQLiteError.range("no value given for parameter \(name)", sql: sql)
                }
                used += 1
                try bind(value: value, at: index)
            }
            guard used == values.count else {
                let names = Set(stride(from: 1, through: parameterCount, by: 1).compactMap { parameterName(at: $0) })
                let unknown = values.keys.filter { key in
                    !names.contains(key) && !":@$".contains { names.contains(String($0) + key) }
                }
                throw SQLiteError.range(
                    "value(s) given for unknown or repeated parameter(s): "
                        + unknown.sorted().joined(separator: ", "), sql: sql)
            }
        }
    }

    func parameterName(at index: Int) -> String? {
        sqlite3_bind_parameter_name(handle, Int32(index)).map { String(cString: $0) }
    }

    private func parameterIndex(named name: String) -> Int? {
        let candidates = name.first.map { ":@$".contains($0) } == true ? [name] : [":" + name, "@" + name, "$" + name]
        for candidate in candidates {
            let index = sqlite3_bind_parameter_index(handle, candidate)
            if index > 0 { return Int(index) }
        }
        return nil
    }

    private func bind(value: SQLValue, at index: Int) throws {
        guard index >= 1, index <= parameterCount else {
            throw SQLiteError.range("parameter index \(index) out of range 1...\(parameterCount)", sql: sql)
        }
        let parameter = Int32(index)
        let resultCode: Int32
        switch value {
        case .null:
            resultCode = sqlite3_bind_null(handle, parameter)
        case .integer(let integer):
            resultCode = sqlite3_bind_int64(handle, parameter, integer)
        case .real(let real):
            resultCode = sqlite3_bind_double(handle, parameter, real)
        case .text(var text):
            // SQLITE_TRANSIENT: SQLite copies the bytes, so the Swift buffer may go away.
            resultCode = text.withUTF8 { utf8 in
                guard let base = utf8.baseAddress else {
                    // A NULL pointer would bind NULL, not the empty string.
                    return sqlite3_bind_text(handle, parameter, "", 0, csqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    sqlite3_bind_text64(
                        handle, parameter, $0, sqlite3_uint64(utf8.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            resultCode = bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress, !raw.isEmpty else {
                    // Likewise an empty blob must stay a blob rather than become NULL.
                    return sqlite3_bind_zeroblob(handle, parameter, 0)
                }
                return sqlite3_bind_blob64(handle, parameter, base, sqlite3_uint64(raw.count), csqlite_transient())
            }
        }
        guard resultCode == SQLITE_OK else {
            throw SQLiteError.fromConnection(sqlite3_db_handle(handle), resultCode: resultCode, sql: sql)
        }
    }
}
