import Synchronization

/// Chooses the `X-Request-Id` of an exchange.
///
/// A client's (or proxy's) id is kept so one id follows a request across systems, but only when it
/// is short visible ASCII: anything else could forge log lines or bloat every log record.
enum RequestID {
    static let maxLength = 128

    static func choose(clientValue: String?) -> String {
        if let clientValue, isAcceptable(clientValue) {
            return clientValue
        }
        return generate()
    }

    static func isAcceptable(_ value: String) -> Bool {
        let bytes = value.utf8
        return !bytes.isEmpty && bytes.count <= maxLength && bytes.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
    }

    /// 32 lowercase hex digits, unique in this process and unpredictable across processes.
    ///
    /// Not a system call per request: a random seed drawn once per process is mixed with a
    /// counter through SplitMix64's finalizer, a bijection on 64 bits, so two requests of one
    /// process never share the low half, and instances behind one load balancer (each with its
    /// own seed) collide with negligible probability. Ids name requests; they guard nothing.
    static func generate() -> String {
        let count = counter.add(1, ordering: .relaxed).oldValue
        let high = mix(seed.high ^ count)
        let low = mix(seed.low &+ count)
        var bytes = [UInt8](repeating: 0, count: 32)
        write(high, into: &bytes, at: 0)
        write(low, into: &bytes, at: 16)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let seed: (high: UInt64, low: UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next())
    }()

    private static let counter = Atomic<UInt64>(0)

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func write(_ value: UInt64, into bytes: inout [UInt8], at offset: Int) {
        for index in 0..<16 {
            let nibble = Int((value >> UInt64(60 - 4 * index)) & 0xF)
            bytes[offset + index] = hexDigits[nibble]
        }
    }
}
