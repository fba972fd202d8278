/// One completed exchange, as the access log records it.
///
/// What it holds is chosen so that no secret can reach the log: the path without its query (a
/// token in a query string stays out), no header values and no body.
struct AccessRecord: Sendable {
    var method: String
    var path: String
    var status: Int
    var bodyBytes: Int
    var duration: Duration
    var requestID: String
    var remoteAddress: String

    var durationMillisecondsText: String {
        let (seconds, attoseconds) = duration.components
        let micros = max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    var fields: [(String, String)] {
        [
            ("method", method), ("path", path), ("status", String(status)), ("bytes", String(bodyBytes)),
            ("duration_ms", durationMillisecondsText), ("request_id", requestID), ("remote", remoteAddress),
        ]
    }
}
