import Domain

/// The single-record reads and deletes behind the records' own URLs (`PUT` and `DELETE` of a
/// report, service improvement, annual letter, published average or population), inside the
/// write's transaction so that a precondition checked on the read holds for the write.
extension WriteTransaction {
    public func annualLetter(council councilID: String, year: FinancialYear) throws -> AnnualLetter? {
        try AnnualLetterRepository.fetch(councilID, year, in: connection)
    }

    public func publishedAverage(year: FinancialYear, type: CouncilType, metric: AverageMetric) throws
        -> PublishedAverage?
    {
        try PublishedAverageRepository.fetch(year, type, metric, in: connection)
    }

    public func population(council councilID: String, year: Int) throws -> Population? {
        try PopulationRepository.fetch(councilID, year, in: connection)
    }

    // MARK: Deletes; each returns whether there was a record.

    /// How many decisions, reports, service improvements and annual letters name the council
    /// (kinds with none left out): while there are any, the council cannot be deleted.
    public func records(ofCouncil councilID: String) throws -> [(kind: String, count: Int)] {
        try CouncilRepository.records(of: councilID, in: connection)
    }

    /// Removes the council with its populations. The database refuses it (a foreign key) while any
    /// other record names the council; `records(ofCouncil:)` says which.
    @discardableResult
    public func deleteCouncil(_ councilID: String) throws -> Bool {
        try CouncilRepository.delete(councilID, in: connection)
    }

    @discardableResult
    public func deleteReport(id: String) throws -> Bool {
        try ReportRepository.delete(id, in: connection)
    }

    /// The improvement's actions go with it.
    @discardableResult
    public func deleteServiceImprovement(_ reference: CaseReference) throws -> Bool {
        try ServiceImprovementRepository.delete(reference, in: connection)
    }

    @discardableResult
    public func deleteAnnualLetter(council councilID: String, year: FinancialYear) throws -> Bool {
        try AnnualLetterRepository.delete(councilID, year, in: connection)
    }

    @discardableResult
    public func deletePublishedAverage(year: FinancialYear, type: CouncilType, metric: AverageMetric) throws -> Bool {
        try PublishedAverageRepository.delete(year, type, metric, in: connection)
    }

    @discardableResult
    public func deletePopulation(council councilID: String, year: Int) throws -> Bool {
        try PopulationRepository.delete(councilID, year, in: connection)
    }
}
