import Digests
import HTTPServer
import JSON

/// The strong entity tag (RFC 9110 section 8.8.3) of one record: the SHA-256 of the exact bytes
/// its GET answers with, `"` + 64 hex digits + `"`.
///
/// Derived from the record's own content, not from the store revision, so a write to any other
/// record leaves it alone: a client holding a record's tag can send it in `If-Match` and succeed
/// for as long as that record, and only that record, is unchanged. The JSON shape (`RecordJSON`)
/// is serialized in a fixed member order, so the same record always gives the same bytes, on
/// every instance and either engine; the write answers hash the same bytes, so the tag a write
/// returns is the tag the next GET returns.
enum EntityTag {
    static func of(_ bytes: [UInt8]) -> String {
        "\"" + SHA256.hexDigest(bytes) + "\""
    }

    static func of(_ record: JSONValue) -> String {
        of(record.serialized())
    }

    /// One member of an `If-Match` or `If-None-Match` list.
    struct Candidate: Equatable {
        /// The tag with its quotes, as it is compared (`"abc"`).
        var opaque: String
        var isWeak: Bool
    }

    /// What a precondition header holds: `*`, or a list of tags.
    enum Condition: Equatable {
        case any
        case tags([Candidate])

        /// Strong comparison (`If-Match`): a weak tag never matches, `*` matches any record.
        func matchesStrongly(_ current: String?) -> Bool {
            guard let current else { return false }
            switch self {
            case .any: return true
            case .tags(let candidates): return candidates.contains { !$0.isWeak && $0.opaque == current }
            }
        }

        /// Weak comparison (`If-None-Match`): `W/` is ignored, `*` matches any record.
        func matchesWeakly(_ current: String?) -> Bool {
            guard let current else { return false }
            switch self {
            case .any: return true
            case .tags(let candidates): return candidates.contains { $0.opaque == current }
            }
        }
    }

    /// The condition of every `name` field of `headers` together (a list may be split over
    /// several fields), or nil when there is none. `*` anywhere makes it `any`. Members that are
    /// not entity tags (no quotes) are kept as written: they match nothing, so a malformed
    /// `If-Match` fails safe, with 412, rather than being ignored.
    static func condition(_ name: String, in headers: HTTPHeaders) -> Condition? {
        let values = headers.values(for: name)
        guard !values.isEmpty else { return nil }
        var candidates: [Candidate] = []
        for member in values.joined(separator: ",").split(separator: ",") {
            var text = member.trimmingCharacters(in: " \t")
            if text == "*" { return .any }
            let isWeak = text.hasPrefix("W/")
            if isWeak { text.removeFirst(2) }
            if !text.isEmpty { candidates.append(Candidate(opaque: text, isWeak: isWeak)) }
        }
        return .tags(candidates)
    }
}
