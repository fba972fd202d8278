import Testing

@testable import JSON

/// Property: for any value the writer can produce, parsing its output gives the value back.
@Suite("Round trips")
struct JSONRoundTripTests {
    @Test(
        "hand-picked values",
        arguments: [
            JSONValue.null, true, 0, -1, .int(.max), .int(.min), 0.5, -2.6238, 1e-05, 1e300,
            .double(.leastNonzeroMagnitude),
            "", "plain", "quote \" backslash \\ slash /", "\u{00}\u{1F}\u{7F}", "é 中文 😀 👩‍👩‍👧 \u{2028}\u{2029}",
            [], [:], [[[]]], ["a": ["b": ["c": [1, 2.5, "x", nil, false]]]],
        ])
    func handPicked(value: JSONValue) throws {
        #expect(try JSONParser.parse(value.serialized()) == value)
        #expect(try JSONParser.parse(value.serialized(pretty: true)) == value)
        let raw = value.serialized(options: JSONSerializationOptions(escapesLineSeparators: false))
        #expect(try JSONParser.parse(raw) == value)
    }

    @Test("a few hundred generated values", arguments: 0..<300)
    func generated(seed: Int) throws {
        var generator = SplitMix64(seed: UInt64(seed))
        let value = Self.randomValue(depth: 0, using: &generator)
        let compact = value.serialized()
        #expect(try JSONParser.parse(compact) == value, "\(value)")
        #expect(try JSONParser.parse(value.serialized(pretty: true)) == value)
        // Serialising is deterministic and keeps member order, so a second trip is byte-identical.
        #expect(try JSONParser.parse(compact).serialized() == compact)
    }

    static func randomValue(depth: Int, using generator: inout SplitMix64) -> JSONValue {
        let choice = Int.random(in: 0..<(depth >= 4 ? 5 : 8), using: &generator)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .int(randomInteger(using: &generator))
        case 3: return .double(randomDouble(using: &generator))
        case 4: return .string(randomString(using: &generator))
        case 5:
            let count = Int.random(in: 0..<6, using: &generator)
            return .array((0..<count).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0..<6, using: &generator) {
                object[randomString(using: &generator)] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(object)
        }
    }

    static func randomInteger(using generator: inout SplitMix64) -> Int64 {
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: return Int64.random(in: -1000...1000, using: &generator)
        case 1: return [Int64.min, .max, .min + 1, .max - 1, 0][Int.random(in: 0..<5, using: &generator)]
        default: return Int64(bitPattern: generator.next())
        }
    }

    /// Any finite double, from arbitrary bit patterns (which exercises shortest round-trip output)
    /// and from everyday magnitudes.
    static func randomDouble(using generator: inout SplitMix64) -> Double {
        if Bool.random(using: &generator) {
            return Double.random(in: -1e6...1e6, using: &generator)
        }
        while true {
            let candidate = Double(bitPattern: generator.next())
            if candidate.isFinite { return candidate }
        }
    }

    static func randomString(using generator: inout SplitMix64) -> String {
        let pools: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x00...0x1F, 0xA0...0x2FF, 0x2000...0x206F, 0x1F600...0x1F64F, 0x4E00...0x4E80,
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0..<12, using: &generator) {
            let pool = pools[Int.random(in: 0..<pools.count, using: &generator)]
            if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &generator)) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
