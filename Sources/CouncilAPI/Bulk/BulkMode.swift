/// What a bulk upload does when some of its lines are bad.
///
/// Atomic is the default because an upload is usually one export of one system: half of it
/// stored is a state nobody asked for and nobody can easily see. Partial exists for feeds where
/// every good line is worth keeping and the bad ones are fixed and re-sent later.
enum BulkMode: String, CaseIterable, Sendable {
    /// Any bad line refuses the upload (422) and nothing is written.
    case atomic
    /// Good lines are written, bad ones reported per line (207 when any failed).
    case partial
}
