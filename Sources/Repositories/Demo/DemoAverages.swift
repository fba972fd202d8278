import Domain

/// Published type averages. The 2024-25 metropolitan borough figures are the real ones on the
/// Knowsley page (81% upheld, 4.7 upheld per 100,000, 13% remedied, 100% compliance); all
/// others are invented and marked `isDemo`.
enum DemoAverages {
    private typealias Row = (
        year: Int, type: CouncilType, upheld: Double, per100k: Double, remedy: Double, compliance: Double,
        isDemo: Bool
    )

    private static let rows: [Row] = [
        (2024, .metropolitanBorough, 0.81, 4.7, 0.13, 1.0, false),
        (2024, .county, 0.80, 1.1, 0.11, 0.99, true),
        (2024, .district, 0.62, 0.6, 0.17, 1.0, true),
        (2024, .unitary, 0.79, 3.9, 0.12, 0.99, true),
        (2024, .londonBorough, 0.84, 6.2, 0.10, 0.98, true),
        (2023, .metropolitanBorough, 0.80, 4.4, 0.13, 0.99, true),
        (2023, .county, 0.78, 1.0, 0.12, 1.0, true),
        (2023, .district, 0.60, 0.6, 0.15, 1.0, true),
        (2023, .unitary, 0.77, 3.6, 0.11, 1.0, true),
        (2023, .londonBorough, 0.83, 5.9, 0.09, 0.99, true),
        (2022, .metropolitanBorough, 0.78, 4.0, 0.12, 1.0, true),
        (2022, .county, 0.76, 0.9, 0.12, 1.0, true),
        (2022, .district, 0.58, 0.5, 0.16, 0.99, true),
        (2022, .unitary, 0.75, 3.3, 0.12, 1.0, true),
        (2022, .londonBorough, 0.80, 5.4, 0.10, 0.99, true),
    ]

    static var averages: [PublishedAverage] {
        rows.flatMap { row -> [PublishedAverage] in
            guard let year = FinancialYear(startYear: row.year) else { return [] }
            return [
                (AverageMetric.upheldRate, row.upheld), (.upheldPer100k, row.per100k), (.remedyRate, row.remedy),
                (.complianceRate, row.compliance),
            ].map { metric, value in
                PublishedAverage(year: year, councilType: row.type, metric: metric, value: value, isDemo: row.isDemo)
            }
        }
    }
}
