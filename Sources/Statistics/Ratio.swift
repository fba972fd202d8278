/// A count over a count, the shape of every published rate.
///
/// Kept as the two counts rather than a finished `Double` so that a group can be averaged both
/// ways from the same values: the mean of each council's own quotient, or the quotient of the sums.
/// A ratio only exists when its denominator is positive; "0 of 0" has no rate, and reporting it as
/// 0% (or NaN) would claim a council did badly (or break JSON) where there was simply nothing to count.
struct Ratio: Hashable, Sendable {
    let numerator: Int
    let denominator: Int
    /// What the quotient is multiplied by: 1 for a fraction, 100,000 for a per-100k figure.
    let scale: Double

    init?(_ numerator: Int, over denominator: Int, scale: Double = 1) {
        guard denominator > 0 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
        self.scale = scale
    }

    var value: Double { Double(numerator) / Double(denominator) * scale }
}

extension Int {
    /// Addition that stops at the bounds instead of trapping.
    ///
    /// Counts arrive from `COUNT(*)` and never come near `Int.max`; this exists so that a corrupt
    /// row can produce a wrong figure but never bring the server down.
    func saturatingAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
