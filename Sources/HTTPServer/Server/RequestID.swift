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

    /// 128 random bits as 32 lowercase hex digits.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
