import Domain
import HTTPServer
import JSON
import Repositories

/// `POST` of reports, service improvements, annual letters and published averages: each creates
/// the record or replaces the one with the same key (report id, case reference, council and
/// year, or year, type and metric).
///
/// Each answers a new record's URL (its `RecordResource`'s) in `Location`.
struct RecordWriteRoutes {
    let routes: IngestionRoutes

    func createReport(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let object = try JSONBody.object(request)
            let report = try WriteAnswer.validated { try ReportInput.decode(.json(object), in: routes.inputContext) }
            return try scope.commit { transaction in
                let outcome = try transaction.upsert(report)
                return WriteAnswer.stored(
                    RecordJSON.report(report), outcome, location: ReportResource().location(report.id))
            }
        }
    }

    func createServiceImprovement(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let object = try JSONBody.object(request)
            let improvement = try WriteAnswer.validated {
                try ServiceImprovementInput.decode(.json(object), in: routes.inputContext)
            }
            return try scope.commit { transaction in
                let outcome = try transaction.upsert(improvement)
                return WriteAnswer.stored(
                    RecordJSON.serviceImprovement(improvement), outcome,
                    location: ServiceImprovementResource().location(improvement.reference))
            }
        }
    }

    func createAnnualLetter(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let object = try JSONBody.object(request)
            let letter = try WriteAnswer.validated {
                try AnnualLetterInput.decode(.json(object), in: routes.inputContext)
            }
            return try scope.commit { transaction in
                let outcome = try transaction.upsert(letter)
                return WriteAnswer.stored(
                    RecordJSON.annualLetter(letter), outcome,
                    location: AnnualLetterResource().location(AnnualLetterResource().key(of: letter)))
            }
        }
    }

    func createPublishedAverage(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let object = try JSONBody.object(request)
            let average = try WriteAnswer.validated { try PublishedAverageInput.decode(.json(object)) }
            return try scope.commit { transaction in
                let outcome = try transaction.upsert(average)
                return WriteAnswer.stored(
                    RecordJSON.publishedAverage(average), outcome,
                    location: PublishedAverageResource().location(PublishedAverageResource().key(of: average)))
            }
        }
    }
}
