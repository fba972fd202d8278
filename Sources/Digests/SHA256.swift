/// SHA-256 as specified in FIPS 180-4, written here rather than taken from a crypto library.
///
/// It serves integrity checks (migration checksums, ETags, idempotency fingerprints) and also
/// guards secrets: the write API's bearer tokens are held and compared only as SHA-256 digests,
/// in constant time (`BearerTokens`). It is fit for that because it is plain FIPS 180-4 with no
/// secret-dependent branches or table look-ups, and because its output is checked against an
/// independent implementation: Python `hashlib` digests for every message length from 0 to 300
/// bytes (every padding case) and long messages up to 1,000,000 bytes, plus the NIST examples
/// (Tests/DigestsTests, table made by scripts/gen-sha256-vectors.py). It is not an HMAC or a
/// password hash: do not use it to store low-entropy passwords. The standard library has no
/// digest; owning ~150 lines avoids a package dependency and a platform split (CryptoKit on
/// Apple, OpenSSL on Linux).
///
/// The hasher is a value type: copying it forks the computation, and `finalize()` does not
/// consume it, so a caller can take the digest of a prefix and keep feeding bytes.
public struct SHA256: Sendable {
    /// Size of a digest in bytes.
    public static let digestByteCount = 32
    /// Size of the block the compression function consumes.
    public static let blockByteCount = 64

    private var h0: UInt32 = 0x6a09_e667
    private var h1: UInt32 = 0xbb67_ae85
    private var h2: UInt32 = 0x3c6e_f372
    private var h3: UInt32 = 0xa54f_f53a
    private var h4: UInt32 = 0x510e_527f
    private var h5: UInt32 = 0x9b05_688c
    private var h6: UInt32 = 0x1f83_d9ab
    private var h7: UInt32 = 0x5be0_cd19

    /// Bytes of an incomplete block, waiting for more input.
    private var pending: [UInt8]
    /// Total message length in bytes; FIPS 180-4 defines the length field modulo 2^64 bits.
    private var messageByteCount: UInt64 = 0

    public init() {
        pending = []
        pending.reserveCapacity(Self.blockByteCount)
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `bytes` as lowercase hexadecimal, the form stored in text columns and headers.
    public static func hexDigest(_ bytes: some Sequence<UInt8>) -> String {
        Hex.encode(hash(bytes))
    }

    /// Feeds more message bytes. Contiguous collections take a fast path over their storage.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            self.update(bufferPointer: UnsafeRawBufferPointer(buffer))
        }
        if handled != nil { return }
        var counted: UInt64 = 0
        for byte in bytes {
            counted &+= 1
            pending.append(byte)
            if pending.count == Self.blockByteCount {
                pending.withUnsafeBytes { compress(block: $0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        messageByteCount &+= counted
    }

    /// Feeds raw bytes without copying them first.
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        messageByteCount &+= UInt64(truncatingIfNeeded: bufferPointer.count)
        var remaining = bufferPointer[...]
        if !pending.isEmpty {
            let needed = Self.blockByteCount - pending.count
            let take = min(needed, remaining.count)
            pending.append(contentsOf: remaining.prefix(take))
            remaining = remaining.dropFirst(take)
            guard pending.count == Self.blockByteCount else { return }
            pending.withUnsafeBytes { compress(block: $0) }
            pending.removeAll(keepingCapacity: true)
        }
        while remaining.count >= Self.blockByteCount {
            let block = UnsafeRawBufferPointer(rebasing: remaining.prefix(Self.blockByteCount))
            compress(block: block)
            remaining = remaining.dropFirst(Self.blockByteCount)
        }
        pending.append(contentsOf: remaining)
    }

    /// The digest of everything fed so far. The hasher itself is left untouched.
    public func finalize() -> [UInt8] {
        var copy = self
        let bitLength = copy.messageByteCount &<< 3
        var padding: [UInt8] = [0x80]
        let afterMarker = (copy.pending.count + 1) % Self.blockByteCount
        let zeros = afterMarker <= 56 ? 56 - afterMarker : 56 + Self.blockByteCount - afterMarker
        padding.append(contentsOf: repeatElement(0, count: zeros))
        for shift in stride(from: 56, through: 0, by: -8) {
            padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        // Padding must not count towards the message length, which is already encoded.
        let lengthBefore = copy.messageByteCount
        padding.withUnsafeBytes { copy.update(bufferPointer: $0) }
        copy.messageByteCount = lengthBefore

        var digest: [UInt8] = []
        digest.reserveCapacity(Self.digestByteCount)
        for word in [copy.h0, copy.h1, copy.h2, copy.h3, copy.h4, copy.h5, copy.h6, copy.h7] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// The compression function of FIPS 180-4 §6.2.2 over one 64-byte block.
    private mutating func compress(block: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            for t in 0..<16 {
                let offset = t &* 4
                schedule[t] =
                    UInt32(block[offset]) << 24 | UInt32(block[offset &+ 1]) << 16
                    | UInt32(block[offset &+ 2]) << 8 | UInt32(block[offset &+ 3])
            }
            for t in 16..<64 {
                let w15 = schedule[t &- 15]
                let w2 = schedule[t &- 2]
                let s0 = w15.rotatedRight(7) ^ w15.rotatedRight(18) ^ (w15 >> 3)
                let s1 = w2.rotatedRight(17) ^ w2.rotatedRight(19) ^ (w2 >> 10)
                schedule[t] = schedule[t &- 16] &+ s0 &+ schedule[t &- 7] &+ s1
            }

            var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
            SHA256Constants.roundConstants.withUnsafeBufferPointer { k in
                for t in 0..<64 {
                    let sigma1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                    let choose = (e & f) ^ (~e & g)
                    let t1 = h &+ sigma1 &+ choose &+ k[t] &+ schedule[t]
                    let sigma0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = sigma0 &+ majority
                    h = g
                    g = f
                    f = e
                    e = d &+ t1
                    d = c
                    c = b
                    b = a
                    a = t1 &+ t2
                }
            }
            h0 &+= a
            h1 &+= b
            h2 &+= c
            h3 &+= d
            h4 &+= e
            h5 &+= f
            h6 &+= g
            h7 &+= h
        }
    }
}

extension UInt32 {
    @inline(__always)
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 &- count))
    }
}
