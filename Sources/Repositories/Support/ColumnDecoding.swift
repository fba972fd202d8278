import Domain
import SQLCore

/// Reading Domain values out of result columns. The schema's CHECK constraints make a bad
/// stored value impossible, but a failed conversion is still a typed error, never a crash.
extension ColumnReading {
    func date(at index: Int) throws -> CalendarDate {
        let text = try string(at: index)
        guard let date = CalendarDate(iso: text) else { throw corrupt(index, text) }
        return date
    }

    func optionalDate(at index: Int) throws -> CalendarDate? {
        guard let text = try optionalString(at: index) else { return nil }
        guard let date = CalendarDate(iso: text) else { throw corrupt(index, text) }
        return date
    }

    func reference(at index: Int) throws -> CaseReference {
        let text = try string(at: index)
        guard let reference = CaseReference(text) else { throw corrupt(index, text) }
        return reference
    }

    func optionalReference(at index: Int) throws -> CaseReference? {
        guard let text = try optionalString(at: index) else { return nil }
        guard let reference = CaseReference(text) else { throw corrupt(index, text) }
        return reference
    }

    func financialYear(at index: Int) throws -> FinancialYear {
        let start = try int(at: index)
        guard let year = FinancialYear(startYear: start) else { throw corrupt(index, String(start)) }
        return year
    }

    func value<Value: RawRepresentable>(_: Value.Type, at index: Int) throws -> Value where Value.RawValue == String {
        let text = try string(at: index)
        guard let value = Value(rawValue: text) else { throw corrupt(index, text) }
        return value
    }

    func optionalValue<Value: RawRepresentable>(_: Value.Type, at index: Int) throws -> Value?
    where Value.RawValue == String {
        guard let text = try optionalString(at: index) else { return nil }
        guard let value = Value(rawValue: text) else { throw corrupt(index, text) }
        return value
    }

    private func corrupt(_ index: Int, _ text: String) -> RepositoryError {
        .corruptValue(column: columnName(at: index) ?? "column \(index)", value: text)
    }
}
