import HTTPServer
import Repositories

/// `POST /v1/complaints/bulk`: many decisions in one request, as NDJSON or CSV.
///
/// The route has its own body limit (`APIConfiguration.maxBulkBytes`, 64 MiB by default) instead
/// of the server's 1 MiB; bodies that large arrive spooled to a file and are read back in pieces.
/// The councils are loaded once per upload, so validating a line costs no query for its council.
struct BulkRoutes {
    let context: RouteContext

    func register(in router: inout Router) {
        router.post("/v1/complaints/bulk", bodyLimit: context.configuration.maxBulkBytes) { try upload($0) }
    }

    func upload(_ request: HTTPRequest) throws -> HTTPResponse {
        var query = QueryReader(request, allowed: ["mode"])
        let mode = query.choice("mode", BulkMode.self) ?? .atomic
        try query.validate()
        let format = try BulkFormat(request)

        let input = InputContext(today: context.today, councils: try CouncilSnapshot.load(from: context.store))
        let loader = BulkLoader(store: context.store, input: input, mode: mode)
        let outcome: BulkLoader.Outcome
        do {
            switch format {
            case .ndjson:
                var records = NDJSONRecords(request.body)
                outcome = try loader.load(&records)
            case .csv:
                var records = CSVRecords(request.body)
                outcome = try loader.load(&records)
            }
        } catch let error as BulkUploadError {
            throw error.problem
        }
        switch outcome {
        case .committed(let report): return report.response()
        case .rejected(let report): throw report.problem
        }
    }
}
