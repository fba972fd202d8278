import Domain
import SQLCore

/// One transaction on the store's single writer, with the typed writes of every repository.
///
/// The write API needs several writes to be one unit: a record and the `Idempotency-Key` answer
/// that reports it must commit together, or a crash between them would leave a write without its
/// key (a retry writes twice) or a key without its write. The repositories' own `upsert` methods
/// each open a transaction, so they cannot be combined; this type runs the same statements (the
/// repositories' static `upsert(_:index:in:)` functions) on one connection inside `DataStore.write`.
///
/// Valid only inside the `write` closure that received it: the connection belongs to the writer,
/// and keeping the value beyond the closure would let statements run outside any transaction.
public struct WriteTransaction {
    let connection: any SQLExecutor

    init(connection: any SQLExecutor) {
        self.connection = connection
    }

    // MARK: Reads inside the write

    /// Reads here see the transaction's own uncommitted writes, and nothing can change between
    /// such a read and a write based on it (the writer holds the lock).
    public func complaint(_ reference: CaseReference) throws -> Complaint? {
        try ComplaintRepository.fetch(reference, in: connection)
    }

    /// The council whose id, or else GSS code, is `idOrCode`, as `CouncilRepository.council` finds it.
    public func council(_ idOrCode: String) throws -> Council? {
        try CouncilRepository.fetch(idOrCode, in: connection)
    }

    public func council(gssCode: String) throws -> Council? {
        try connection.first(
            "SELECT \(CouncilRepository.columns) FROM councils WHERE gss_code = upper(?)", [gssCode],
            CouncilRepository.decode)
    }

    public func report(id: String) throws -> Report? {
        try ReportRepository.fetch(id, in: connection)
    }

    public func serviceImprovement(_ reference: CaseReference) throws -> ServiceImprovement? {
        try ServiceImprovementRepository.fetch(reference, in: connection)
    }

    // MARK: Writes

    @discardableResult
    public func upsert(_ council: Council) throws -> UpsertOutcome {
        try CouncilRepository.upsert(council, index: nil, in: connection)
    }

    @discardableResult
    public func upsert(_ population: Population) throws -> UpsertOutcome {
        try PopulationRepository.upsert(population, index: nil, in: connection)
    }

    @discardableResult
    public func upsert(_ complaint: Complaint) throws -> UpsertOutcome {
        try ComplaintRepository.upsert(complaint, index: nil, in: connection)
    }

    /// Upserts `complaints` in order; a failure is tagged with its position, as the batch upsert does.
    public func upsert(_ complaints: [Complaint]) throws -> [UpsertOutcome] {
        try complaints.enumerated().map { try ComplaintRepository.upsert($1, index: $0, in: connection) }
    }

    /// Upserts `complaints` (each reference once) as fast as the engine allows, and returns each
    /// one's outcome or refusal in order: a record the schema refuses fails alone, and this
    /// transaction goes on. For bulk uploads.
    public func upsertEach(_ complaints: [Complaint]) throws -> [Result<UpsertOutcome, RepositoryError>] {
        try ComplaintRepository.upsertEach(complaints, in: connection)
    }

    /// Removes the decision; returns whether there was one.
    @discardableResult
    public func deleteComplaint(_ reference: CaseReference) throws -> Bool {
        try connection.run("DELETE FROM complaints WHERE reference = ?", [reference.normalized]) > 0
    }

    @discardableResult
    public func upsert(_ report: Report) throws -> UpsertOutcome {
        try ReportRepository.upsert(report, index: nil, in: connection)
    }

    @discardableResult
    public func upsert(_ improvement: ServiceImprovement) throws -> UpsertOutcome {
        try ServiceImprovementRepository.upsert(improvement, index: nil, in: connection)
    }

    @discardableResult
    public func upsert(_ letter: AnnualLetter) throws -> UpsertOutcome {
        try AnnualLetterRepository.upsert(letter, index: nil, in: connection)
    }

    @discardableResult
    public func upsert(_ average: PublishedAverage) throws -> UpsertOutcome {
        try PublishedAverageRepository.upsert(average, index: nil, in: connection)
    }

    // MARK: Idempotency

    /// Keeps `response` for replays, committing with this transaction's writes. Also deletes the
    /// answers that have expired by `response.createdAt`.
    public func saveIdempotentResponse(_ response: IdempotentResponse) throws {
        try IdempotencyRepository.save(response, in: connection)
    }

    /// The unexpired answer kept under `key`, as this transaction sees it.
    public func idempotentResponse(forKey key: String, now: Int64) throws -> IdempotentResponse? {
        try IdempotencyRepository.fetch(key, now: now, in: connection)
    }
}

extension DataStore {
    /// Runs `body` as ONE transaction on the single writer (`BEGIN IMMEDIATE … COMMIT`, durable
    /// as the pool's `synchronous` setting makes it, FULL by default): everything it writes
    /// commits together, or, when it throws, nothing does. The store revision is bumped with it.
    @discardableResult
    public func write<T>(_ body: (WriteTransaction) throws -> T) throws -> T {
        try database.write { try body(WriteTransaction(connection: $0)) }
    }
}
