import Digests

/// The bearer tokens allowed to write, held as SHA-256 digests and compared in constant time.
///
/// Comparing the presented token with each configured one byte by byte, stopping at the first
/// difference, would let a client learn a token a byte at a time from response times. Digests
/// make every comparison the same length whatever the tokens' lengths, and the comparison looks
/// at every byte of every configured digest before answering, so the time taken says nothing
/// about which token, or how much of it, matched.
struct BearerTokens: Sendable {
    private let digests: [[UInt8]]

    init(_ tokens: [String]) {
        digests = tokens.filter { !$0.isEmpty }.map(Self.digest)
    }

    /// No token configured: writes are disabled.
    var isEmpty: Bool { digests.isEmpty }

    /// Whether `token` is one of the configured tokens.
    func accepts(_ token: String) -> Bool {
        let presented = Self.digest(token)
        var matched: UInt8 = 0
        for digest in digests {
            var difference: UInt8 = 0
            for index in 0..<SHA256.digestByteCount {
                difference |= digest[index] ^ presented[index]
            }
            // 1 when equal, 0 otherwise, without a branch on the secret.
            matched |= UInt8(truncatingIfNeeded: (Int(difference) - 1) >> 8) & 1
        }
        return matched == 1
    }

    /// The digest a token is known by beyond this type (idempotency fingerprints), so no other
    /// code needs to hold the token itself.
    static func digest(_ token: String) -> [UInt8] {
        SHA256.hash(Array(token.utf8))
    }
}
