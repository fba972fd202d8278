import Domain
import Testing

/// The financial year starting in `startYear`, failing the test rather than trapping if invalid.
func financialYear(_ startYear: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> FinancialYear {
    try #require(FinancialYear(startYear: startYear), sourceLocation: sourceLocation)
}

func population(_ councilID: String, _ year: Int, _ people: Int) -> Population {
    Population(councilID: councilID, year: year, population: people, source: "ons-mid-\(year)")
}

/// Whether `actual` is `expected` to within a few units in the last place, so that the expected
/// value can be written as the exact fraction it should be (`9.0 / 14.0`) and still be compared
/// with a result reached by a different order of floating-point operations.
func isClose(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= 4 * expected.magnitude.ulp + .leastNormalMagnitude
}
