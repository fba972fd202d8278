/// One hostile or broken request of the malformed corpus: the exact bytes a peer sends on a fresh
/// connection and the status the server must answer with.
///
/// Plain data with no dependency on the server or the test framework, so the same file also
/// seeds the parser fuzzer (scripts/fuzz-parser.sh compiles it into a seed writer).
struct MalformedRequest: Sendable {
    /// How the server must treat the connection after answering.
    enum Afterwards: Sendable {
        /// The framing can no longer be trusted: answer, then close.
        case closes
        /// The request was framed correctly and only its content is wrong (a handler's 4xx): the
        /// connection stays usable, as RFC 9112 allows.
        case keepsAlive
    }

    /// A readable label, shown as the test case's name.
    let name: String
    let bytes: [UInt8]
    let status: Int
    let afterwards: Afterwards

    init(_ name: String, _ text: String, status: Int = 400, afterwards: Afterwards = .closes) {
        self.init(name, bytes: Array(text.utf8), status: status, afterwards: afterwards)
    }

    init(_ name: String, bytes: [UInt8], status: Int = 400, afterwards: Afterwards = .closes) {
        self.name = name
        self.bytes = bytes
        self.status = status
        self.afterwards = afterwards
    }
}

extension MalformedRequest: CustomStringConvertible {
    var description: String { "\(status) \(name)" }
}

/// A request the server must accept although it looks odd; the corpus keeps them next to the
/// malformed ones so that strictness is not bought by refusing what RFC 9112 allows, and the
/// fuzzer starts from both sides of the line.
struct WellFormedRequest: Sendable {
    let name: String
    let bytes: [UInt8]

    init(_ name: String, _ text: String) {
        self.init(name, bytes: Array(text.utf8))
    }

    init(_ name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

extension WellFormedRequest: CustomStringConvertible {
    var description: String { name }
}
