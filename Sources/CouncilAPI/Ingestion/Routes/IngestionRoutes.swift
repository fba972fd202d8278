import HTTPServer

/// Every write route. Authentication is the `AuthenticationMiddleware`'s; each handler here runs
/// under the `WriteRunner` (idempotency keys, one transaction per write), reads its body with
/// `JSONBody` and validates it with the record's input decoder.
struct IngestionRoutes {
    let context: RouteContext
    let writes: WriteRunner

    var inputContext: InputContext {
        InputContext(today: context.today, councils: StoreCouncilDirectory(store: context.store))
    }

    func register(in router: inout Router) {
        let councils = CouncilWriteRoutes(routes: self)
        router.post("/v1/councils", headCheck: Self.json) { try councils.create($0) }
        router.put("/v1/councils/:council", headCheck: Self.json) { try councils.put($0) }
        router.delete("/v1/councils/:council") { try councils.delete($0) }
        router.post("/v1/councils/:council/populations", headCheck: Self.json) { try councils.createPopulation($0) }

        let complaints = ComplaintWriteRoutes(routes: self)
        router.post("/v1/complaints", headCheck: Self.json) { try complaints.create($0) }

        let records = RecordWriteRoutes(routes: self)
        router.post("/v1/reports", headCheck: Self.json) { try records.createReport($0) }
        router.post("/v1/service-improvements", headCheck: Self.json) { try records.createServiceImprovement($0) }
        router.post("/v1/annual-letters", headCheck: Self.json) { try records.createAnnualLetter($0) }
        router.post("/v1/published-averages", headCheck: Self.json) { try records.createPublishedAverage($0) }

        // Each record at its own URL (its GET is with the reads).
        registerRecord(ComplaintResource(), at: "/v1/complaints/:reference", in: &router)
        registerRecord(ReportResource(), at: "/v1/reports/:id", in: &router)
        registerRecord(ServiceImprovementResource(), at: "/v1/service-improvements/:reference", in: &router)
        registerRecord(AnnualLetterResource(), at: "/v1/councils/:council/annual-letters/:year", in: &router)
        registerRecord(
            PublishedAverageResource(), at: "/v1/published-averages/:year/:council_type/:metric", in: &router)
        registerRecord(PopulationResource(), at: "/v1/councils/:council/populations/:calendar_year", in: &router)
    }

    /// `PUT` and `DELETE` of one kind of record at `path`.
    private func registerRecord<Resource: RecordResource>(
        _ resource: Resource, at path: String, in router: inout Router
    ) {
        let record = RecordResourceRoutes(resource: resource)
        router.put(path, headCheck: Self.json) { try record.put($0, self) }
        router.delete(path) { try record.delete($0, self) }
    }

    /// Every JSON write refuses another media type from its head, before the body is read.
    static let json: Router.HeadCheck = { try JSONBody.requireJSONContentType(headers: $0.headers) }
}
