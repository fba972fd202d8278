/// A tiny deterministic generator (SplitMix64) for the invented demo decisions.
///
/// The demo must be byte-for-byte the same on every run and platform, so loading it twice is a
/// no-op and tests can count on it; `SystemRandomNumberGenerator` is neither, and the standard
/// library's seeded generators are not specified. SplitMix64 is small, fast and well mixed.
struct DemoRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly chosen integer in `range`. (`Int.random(in:using:)` is not guaranteed to
    /// consume the generator the same way across standard library versions.)
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool {
        int(in: 0...99) < percent
    }

    /// One of `choices`, each as likely as its weight.
    mutating func pick<T>(_ choices: [(T, weight: Int)]) -> T? {
        let total = choices.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        var roll = int(in: 0...(total - 1))
        for (choice, weight) in choices {
            if roll < weight { return choice }
            roll -= weight
        }
        return choices.last?.0
    }

    /// `elements` in a random order (Fisher–Yates).
    mutating func shuffled<T>(_ elements: [T]) -> [T] {
        var result = elements
        guard result.count > 1 else { return result }
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(index, int(in: 0...index))
        }
        return result
    }
}
