import Domain

/// An average the Ombudsman itself published (`POST /v1/published-averages`); one per year,
/// council type and metric.
enum PublishedAverageInput {
    static let fieldNames = ["year", "council_type", "metric", "value"]
    static let readOnlyFieldNames = ["demo"]

    static func decode(_ fields: InputFields) throws(InputErrors) -> PublishedAverage {
        var reader = InputReader(fields, allowed: fieldNames, readOnly: readOnlyFieldNames)
        let year = reader.financialYear("year", required: true)
        let type = reader.choice("council_type", CouncilType.self, required: true)
        let metric = reader.choice("metric", AverageMetric.self, required: true)
        let value = reader.number("value", required: true)
        if let value {
            if value < 0 {
                reader.fail("value", "must not be negative")
            } else if let metric, metric.isRate, value > 1 {
                reader.fail("value", "must be a fraction from 0 to 1 for the rate \(metric.rawValue) (0.81, not 81)")
            }
        }
        try reader.finish()
        guard let year, let type, let metric, let value else { throw InputErrors.unreadable("year") }
        // -0.0 passes "not negative"; stored as 0 (SQLite keeps no sign on a zero), so it is 0 here
        // too, or the write's answer (and ETag) would differ from the next read's.
        return PublishedAverage(year: year, councilType: type, metric: metric, value: value == 0 ? 0 : value)
    }
}
