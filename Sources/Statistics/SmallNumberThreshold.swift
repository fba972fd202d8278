/// The count below which a rate rests on too few cases to be compared with others.
///
/// "1 upheld of 3 investigated" and "100 of 300" are both 33%, but the first says almost nothing.
/// The threshold is a value handed to whoever presents or averages figures (configured by the
/// executable, `--small-number-threshold`), never a global, so tests and callers can each use
/// their own. Which count a metric is judged on is `CouncilFigures.smallNumberBase(for:)`.
public struct SmallNumberThreshold: Hashable, Sendable {
    /// Counts strictly below this are small; 0 flags nothing.
    public let minimum: Int

    /// The Ombudsman-style default: fewer than 10 cases.
    public static let standard = SmallNumberThreshold(10)
    /// Flags nothing and leaves no council out of an average.
    public static let none = SmallNumberThreshold(0)

    public init(_ minimum: Int) {
        self.minimum = max(0, minimum)
    }

    /// Whether `count` is below the threshold.
    public func isSmall(_ count: Int) -> Bool { count < minimum }
}
