
/// The request a connection is working on, from its head until its response is queued.
struct Exchange {
    let head: RequestHead
    let requestID: String
    let startedAt: ContinuousClock.Instant
    /// The body being collected; nil once handed to the handler.
    var body: BodyAccumulator?
    /// Whether the connection stays open after this response, decided when the head is written.
    var keepAlive = false
    /// The head was refused before its body was read: the rest of the input cannot be framed,
    /// so the connection closes after the answer.
    var bodyUnread = false
    /// A streamed response whose final chunk has not been queued yet.
    var streaming = false
    var streamFraming = ResponseFraming.chunked
    var streamedBytes = 0
}
