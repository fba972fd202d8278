/// One document of the RFC 8259 conformance corpus, named in the JSONTestSuite style: `y_` must be
/// accepted, `n_` must be refused, `i_` leaves the choice to the parser and `ours` records ours.
///
/// Plain data with no dependency on the parser or the test framework, so the same files also seed
/// the differential fuzzer (scripts/fuzz-json.sh compiles them into a seed writer).
struct JSONConformanceCase: Sendable {
    /// What this parser does with an `i_` document, and why; pinned so a change is noticed.
    enum Choice: Sendable {
        case accepts
        case refuses
    }

    /// `y_…`, `n_…` or `i_…`, then the RFC 8259 rule it exercises.
    let name: String
    let bytes: [UInt8]
    /// Only for `i_` documents.
    let ours: Choice?

    init(_ name: String, _ text: String, ours: Choice? = nil) {
        self.init(name, bytes: Array(text.utf8), ours: ours)
    }

    init(_ name: String, bytes: [UInt8], ours: Choice? = nil) {
        self.name = name
        self.bytes = bytes
        self.ours = ours
    }

    /// Whether the RFC requires the document to be accepted (`y_`), refused (`n_`) or neither (`i_`).
    var mustAccept: Bool { name.hasPrefix("y_") }
    var mustRefuse: Bool { name.hasPrefix("n_") }
}
