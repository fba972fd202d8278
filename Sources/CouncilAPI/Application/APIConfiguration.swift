import Domain

/// What the API layer needs to know beyond its data: who may call it from a browser, who may
/// write, and how big a bulk upload may be. Resolved by the executable from flags and environment.
public struct APIConfiguration: Sendable {
    /// Origins allowed to call from a browser (`*` for any); empty turns CORS off.
    public var corsOrigins: [String]
    /// Bearer tokens allowed to write; empty means writes are refused with 403.
    public var apiTokens: [String]
    /// Largest body of `POST /v1/complaints/bulk`.
    public var maxBulkBytes: Int
    /// Where "today" comes from (report and improvement windows, dates in the future).
    public var clock: Clock
    /// The dashboard served at `/` (none: `/` answers 404 saying where it looked).
    public var dashboard: DashboardFiles = .none
    /// Refuse a PUT or DELETE without `If-Match` with 428 (`--require-if-match`), so no writer
    /// can overwrite a record it has not read.
    public var requireIfMatch = false
    /// Rates resting on fewer cases than this are flagged `small_numbers` and left out of averages.
    public var smallNumberThreshold: Int = 10

    public init(
        corsOrigins: [String] = [], apiTokens: [String] = [], maxBulkBytes: Int = 64 << 20, clock: Clock = .system
    ) {
        self.corsOrigins = corsOrigins
        self.apiTokens = apiTokens
        self.maxBulkBytes = maxBulkBytes
        self.clock = clock
    }
}
