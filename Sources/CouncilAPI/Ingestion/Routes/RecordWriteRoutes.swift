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
                return ReportResource().stored(report, try transaction.upsert(report))
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
                return ServiceImprovementResource().stored(improvement, try transaction.upsert(improvement))
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
                return AnnualLetterResource().stored(letter, try transaction.upsert(letter))
            }
        }
    }

    func createPublishedAverage(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let object = try JSONBody.object(request)
            let average = try WriteAnswer.validated { try PublishedAverageInput.decode(.json(object)) }
            return try scope.commit { transaction in
                return PublishedAverageResource().stored(average, try transaction.upsert(average))
            }
        }
    }
}
