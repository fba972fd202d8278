import Digests
import Testing

/// Conformance of the hand-written SHA-256 against an independent implementation: Python's `hashlib`
/// digests for every message length from 0 to 300 and some long ones (SHA256LengthVectors.swift,
/// made by scripts/gen-sha256-vectors.py). The digest guards bearer tokens, so every padding case
/// is checked, not a sample.
struct SHA256LengthVectorTests {
    /// The generator's message: byte i is (i * 31 + 7) & 0xff.
    static func message(length: Int) -> [UInt8] {
        (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    }

    @Test("the table covers every length from 0 to 300 and long messages up to 1,000,000 bytes")
    func tableShape() {
        let lengths = SHA256LengthVectors.all.map(\.length)
        #expect(Array(lengths.prefix(301)) == Array(0...300))
        #expect(lengths.contains(1_000_000))
        #expect(SHA256LengthVectors.all.allSatisfy { $0.digest.utf8.count == 64 })
    }

    @Test("one-shot digests equal hashlib's", arguments: SHA256LengthVectors.all)
    func oneShot(length: Int, digest: String) {
        #expect(SHA256.hexDigest(Self.message(length: length)) == digest)
    }

    @Test("byte-by-byte and split updates equal hashlib's for lengths 0 to 300")
    func incremental() {
        for (length, digest) in SHA256LengthVectors.all where length <= 300 {
            let message = Self.message(length: length)
            var slow = SHA256()
            slow.update(message.lazy.map { $0 })
            #expect(Hex.encode(slow.finalize()) == digest, "byte by byte, length \(length)")
            var split = SHA256()
            split.update(message.prefix(length / 3))
            split.update(message.dropFirst(length / 3))
            #expect(Hex.encode(split.finalize()) == digest, "split, length \(length)")
        }
    }
}
