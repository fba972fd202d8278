import Domain
import JSON
import Statistics

/// The JSON shape of the statistics answers: the reference page's overview as numbers.
///
/// Rates are unrounded fractions from 0 to 1 and `null` when their denominator is zero (no
/// investigations means no upheld rate, not a rate of 0); rounding is presentation, done in CSV.
enum StatisticsJSON {
    /// The figures of one council-year, without the comparison. Each rate has a `small_numbers`
    /// flag beside it: true when it rests on fewer cases than `threshold`
    /// (`CouncilFigures.smallNumberBase(for:)` says which count).
    static func figures(_ figures: CouncilFigures, threshold: SmallNumberThreshold = .standard) -> JSONObject {
        func small(_ metric: AverageMetric) -> JSONValue {
            .bool(figures.hasSmallNumbers(metric, threshold: threshold))
        }
        return [
            "year": .string(figures.year.description),
            "period": ["start": .string(figures.year.start.iso), "end": .string(figures.year.end.iso)],
            "complaints": [
                "dealt_with": .int(Int64(figures.dealtWith)),
                "not_for_us": .int(Int64(figures.notForUs)),
                "assessed_and_closed": .int(Int64(figures.assessedAndClosed)),
                "investigated": .int(Int64(figures.investigated)),
            ],
            "upheld": [
                "count": .int(Int64(figures.upheld)),
                "not_upheld": .int(Int64(figures.notUpheld)),
                "rate": JSONValue(figures.upheldRate),
                "small_numbers": small(.upheldRate),
                "per_100k": JSONValue(figures.upheldPer100k),
                "per_100k_small_numbers": small(.upheldPer100k),
                "population": JSONValue(figures.population?.population),
                "population_year": JSONValue(figures.population?.year),
                "population_source": JSONValue(figures.population?.source),
            ],
            "remedy": [
                "count": .int(Int64(figures.remedyCount)),
                "rate": JSONValue(figures.remedyRate),
                "small_numbers": small(.remedyRate),
            ],
            "compliance": [
                "count": .int(Int64(figures.complied)),
                "recorded": .int(Int64(figures.complianceRecorded)),
                "rate": JSONValue(figures.complianceRate),
                "small_numbers": small(.complianceRate),
            ],
        ]
    }

    /// The averages of the council's type group, computed both ways, beside the published ones.
    static func comparison(_ averages: GroupAverages, published: PublishedComparison?) -> JSONValue {
        func method(_ method: AveragingMethod) -> JSONValue {
            var object: JSONObject = ["councils": .int(Int64(averages.groupSize))]
            var counted = JSONObject()
            var leftOut = JSONObject()
            for average in averages.metrics {
                object[average.metric.rawValue] = JSONValue(average.value(method))
                counted[average.metric.rawValue] = .int(Int64(average.councils))
                leftOut[average.metric.rawValue] = .int(Int64(average.leftOutForSmallNumbers))
            }
            object["counted"] = .object(counted)
            object["left_out_small_numbers"] = .object(leftOut)
            return .object(object)
        }
        var publishedValue: JSONValue = .null
        if let published {
            var object = JSONObject()
            for metric in AverageMetric.allCases { object[metric.rawValue] = JSONValue(published[metric]) }
            object["demo"] = .bool(published.isDemo)
            publishedValue = .object(object)
        }
        return [
            "council_type": .string(averages.councilType.rawValue),
            "group_size": .int(Int64(averages.groupSize)),
            "computed": ["mean": method(.mean), "pooled": method(.pooled)],
            "methods": [
                "mean":
                    "the mean of the councils' own rates; councils whose rate has a zero denominator or rests on small numbers are left out",
                "pooled": "the group's totals divided by each other (for example all upheld over all investigated)",
            ],
            "published": publishedValue,
        ]
    }

    /// One row of a league table: the council and its figures. The year and period are the
    /// table's own, given once beside the rows, so the rows leave them out.
    static func leagueRow(
        council: Council, figures: CouncilFigures, threshold: SmallNumberThreshold = .standard
    ) -> JSONValue {
        var object: JSONObject = ["council": RecordJSON.councilSummary(council)]
        for member in Self.figures(figures, threshold: threshold) where member.key != "year" && member.key != "period" {
            object[member.key] = member.value
        }
        return .object(object)
    }

    /// One council's statistics answer: council, figures and comparison.
    static func overview(
        council: Council, figures: CouncilFigures, averages: GroupAverages, published: PublishedComparison?,
        threshold: SmallNumberThreshold = .standard
    ) -> JSONValue {
        var object: JSONObject = ["council": RecordJSON.councilSummary(council)]
        for member in Self.figures(figures, threshold: threshold) { object[member.key] = member.value }
        object["comparison"] = comparison(averages, published: published)
        return .object(object)
    }
}
