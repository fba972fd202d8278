import Domain
import JSON

/// The JSON shape of each record. One place per record, so the read API and the write API's echo
/// of what it stored cannot differ. The OpenAPI schemas are written separately (in `OpenAPI/`);
/// what keeps them in step with these shapes is `OpenAPIDocumentTests`, which checks each shape
/// against its schema. Field names are snake_case, dates ISO 8601, case references in the
/// published form (`23 008 737`).
enum RecordJSON {
    static func council(_ council: Council) -> JSONValue {
        [
            "id": .string(council.id),
            "name": .string(council.name),
            "short_name": .string(council.shortName),
            "gss_code": .string(council.gssCode),
            "type": .string(council.type.rawValue),
            "region": JSONValue(council.region),
            "demo": .bool(council.isDemo),
        ]
    }

    /// The short form embedded in other answers.
    static func councilSummary(_ council: Council) -> JSONValue {
        ["id": .string(council.id), "name": .string(council.name), "type": .string(council.type.rawValue)]
    }

    static func population(_ population: Population) -> JSONValue {
        [
            "council": .string(population.councilID),
            "year": .int(Int64(population.year)),
            "population": .int(Int64(population.population)),
            "source": .string(population.source),
        ]
    }

    static func complaint(_ complaint: Complaint) -> JSONValue {
        [
            "reference": .string(complaint.reference.published),
            "council": .string(complaint.councilID),
            "received": JSONValue(complaint.received?.iso),
            "decided": .string(complaint.decided.iso),
            "year": .string(complaint.year.description),
            "category": .string(complaint.category),
            "subcategory": JSONValue(complaint.subcategory),
            "outcome": .string(complaint.outcome.rawValue),
            "not_for_us_reason": JSONValue(complaint.notForUsReason?.rawValue),
            "remedy_before_ombudsman": complaint.remedyBeforeOmbudsman.map(JSONValue.bool) ?? .null,
            "compliance": JSONValue(complaint.compliance?.rawValue),
            "demo": .bool(complaint.isDemo),
        ]
    }

    static func report(_ report: Report) -> JSONValue {
        [
            "id": .string(report.id),
            "council": .string(report.councilID),
            "title": .string(report.title),
            "summary": .string(report.summary),
            "published": .string(report.published.iso),
            "reference": JSONValue(report.reference?.published),
            "url": JSONValue(report.url),
            "demo": .bool(report.isDemo),
        ]
    }

    static func serviceImprovement(_ improvement: ServiceImprovement) -> JSONValue {
        [
            "reference": .string(improvement.reference.published),
            "council": .string(improvement.councilID),
            "category": .string(improvement.category),
            "subcategory": JSONValue(improvement.subcategory),
            "decided": .string(improvement.decided.iso),
            "source": .string(improvement.source.rawValue),
            "actions": .array(improvement.actions.map(JSONValue.string)),
            "demo": .bool(improvement.isDemo),
        ]
    }

    static func annualLetter(_ letter: AnnualLetter) -> JSONValue {
        [
            "council": .string(letter.councilID),
            "year": .string(letter.year.description),
            "published": .string(letter.published.iso),
            "url": JSONValue(letter.url),
            "text": JSONValue(letter.text),
            "demo": .bool(letter.isDemo),
        ]
    }

    static func publishedAverage(_ average: PublishedAverage) -> JSONValue {
        [
            "year": .string(average.year.description),
            "council_type": .string(average.councilType.rawValue),
            "metric": .string(average.metric.rawValue),
            "value": .double(average.value),
            "demo": .bool(average.isDemo),
        ]
    }
}
