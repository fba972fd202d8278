import Digests
import Testing

/// Known-answer tests from the NIST examples for FIPS 180-4 (SHA256.pdf, SHAVS short/long messages).
struct SHA256Tests {
    @Test(
        "NIST vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ])
    func nistVector(message: String, expected: String) {
        #expect(SHA256.hexDigest(message.utf8) == expected)
        #expect(Hex.encode(SHA256.hash(Array(message.utf8))) == expected)
    }

    @Test("one million 'a'")
    func millionA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("incremental updates in uneven chunks equal the one-shot digest")
    func incrementalMatchesOneShot() {
        let message = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let expected = SHA256.hash(message)
        for chunkSize in [1, 3, 55, 56, 63, 64, 65, 127, 128, 999] {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let end = min(start + chunkSize, message.count)
                hasher.update(message[start..<end])
                start = end
            }
            #expect(hasher.finalize() == expected, "chunk size \(chunkSize)")
        }
    }

    @Test("non-contiguous sequences take the byte-by-byte path with the same result")
    func nonContiguousSequence() {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        var hasher = SHA256()
        hasher.update(message.lazy.map { $0 })
        hasher.update(AnySequence([UInt8]()))
        #expect(Hex.encode(hasher.finalize()) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("finalize leaves the hasher usable for more input")
    func finalizeDoesNotConsume() {
        var hasher = SHA256()
        hasher.update("ab".utf8)
        let prefix = hasher.finalize()
        hasher.update("c".utf8)
        #expect(prefix == SHA256.hash("ab".utf8))
        #expect(hasher.finalize() == SHA256.hash("abc".utf8))
    }

    @Test("padding boundaries: every length from 0 to 130 differs and is stable")
    func paddingBoundaries() {
        var seen = Set<[UInt8]>()
        for length in 0...130 {
            let message = [UInt8](repeating: 0x61, count: length)
            let digest = SHA256.hash(message)
            #expect(digest.count == SHA256.digestByteCount)
            var split = SHA256()
            split.update(message.prefix(length / 2))
            split.update(message.dropFirst(length / 2))
            #expect(split.finalize() == digest, "length \(length)")
            seen.insert(digest)
        }
        #expect(seen.count == 131)
    }
}
