/// The request a connection is working on, from its head until its response is queued.
struct Exchange {
    let head: RequestHead
    let requestID: String
    let startedAt: ContinuousClock.Instant
    /// The body being collected; nil once handed to the handler.
    var body: BodyAccumulator?
    /// Whether the connection stays open after this response, decided when the head is written.
    var keepAlive = false
    /// A streamed response whose final chunk has not been queued yet.
    var streaming = false
    var streamFraming = ResponseFraming.chunked
    var streamedBytes = 0
}
