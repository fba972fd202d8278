import Domain

/// The two shapes of sort key the lists use, and their validation.
extension PageKey {
    /// For lists ordered by a single unique text column (councils by id).
    static func single(_ value: String) -> PageKey { PageKey([value]) }

    /// For lists ordered newest first by a date, ties broken by a unique text column.
    static func dated(_ date: CalendarDate, _ tieBreaker: String) -> PageKey { PageKey([date.iso, tieBreaker]) }

    func singleValue() throws -> String {
        guard values.count == 1, let value = values.first, !value.isEmpty else { throw RepositoryError.invalidPageKey }
        return value
    }

    /// The date (as stored, ISO text) and tie-breaker of a `dated` key; `isValidTieBreaker`
    /// rejects values no row could have (a reference that is not eight digits).
    func datedValues(isValidTieBreaker: (String) -> Bool) throws -> (date: String, tieBreaker: String) {
        guard values.count == 2, CalendarDate(iso: values[0]) != nil, isValidTieBreaker(values[1]) else {
            throw RepositoryError.invalidPageKey
        }
        return (values[0], values[1])
    }
}

/// Whether `text` is a case reference in the normal form the tables store.
func isNormalizedReference(_ text: String) -> Bool {
    CaseReference(text)?.normalized == text
}
