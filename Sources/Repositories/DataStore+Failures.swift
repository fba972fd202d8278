import SQLCore

extension DataStore {
    /// Whether `error` says the database cannot be reached now (a PostgreSQL server restarting,
    /// a lost connection, every connection slot taken): the request changed nothing and may be
    /// sent again. The API answers these 503 instead of 500.
    public static func isUnavailable(_ error: any Error) -> Bool {
        (error as? any DatabaseFailure)?.isUnavailable ?? false
    }
}
