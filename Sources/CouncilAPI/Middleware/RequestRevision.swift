/// The store revision a request's ETag was computed from, for the rest of that request.
///
/// Read once per request (on PostgreSQL a round trip, since another instance may have written)
/// by `ETagMiddleware`, or known without I/O and bound before the chain runs for a request
/// answered on the I/O thread (`ResponseCache.inPlace`), and reused by the caches the handler consults (`StatisticsQueries`)
/// instead of reading it again. Sound because revisions only grow: data read after this
/// revision is at least as new, so nothing is ever cached or tagged as newer than it is.
enum RequestRevision {
    @TaskLocal static var current: Int64?
    /// The request's entity tag at `current` (`ETagMiddleware.tag`), bound with it: by
    /// `ETagMiddleware`, which computed it, or by an in-place answer, which kept it with the answer
    /// (a tag depends only on the revision, the target and `Accept`, which key a kept answer).
    @TaskLocal static var tag: String?
}
