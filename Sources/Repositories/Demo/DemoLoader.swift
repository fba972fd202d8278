import SQLCore

/// Writes a `DemoDataset` through the repositories' upserts, all in ONE transaction: a reader
/// sees either none of the demo or all of it, and a second load finds everything `unchanged`.
public struct DemoLoader: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// What a load did, per kind of record.
    public struct Report: Hashable, Sendable {
        public var councils = UpsertSummary()
        public var populations = UpsertSummary()
        public var complaints = UpsertSummary()
        public var serviceImprovements = UpsertSummary()
        public var reports = UpsertSummary()
        public var annualLetters = UpsertSummary()
        public var publishedAverages = UpsertSummary()

        /// All kinds added up.
        public var total: UpsertSummary {
            [councils, populations, complaints, serviceImprovements, reports, annualLetters, publishedAverages]
                .reduce(into: UpsertSummary()) { sum, part in
                    sum.created += part.created
                    sum.updated += part.updated
                    sum.unchanged += part.unchanged
                }
        }
    }

    @discardableResult
    public func load(_ dataset: DemoDataset = .standard) throws -> Report {
        try database.write { connection in
            var report = Report()
            for council in dataset.councils {
                report.councils.add(try CouncilRepository.upsert(council, index: nil, in: connection))
            }
            for population in dataset.populations {
                report.populations.add(try PopulationRepository.upsert(population, index: nil, in: connection))
            }
            for complaint in dataset.complaints {
                report.complaints.add(try ComplaintRepository.upsert(complaint, index: nil, in: connection))
            }
            for improvement in dataset.serviceImprovements {
                report.serviceImprovements.add(
                    try ServiceImprovementRepository.upsert(improvement, index: nil, in: connection))
            }
            for item in dataset.reports {
                report.reports.add(try ReportRepository.upsert(item, index: nil, in: connection))
            }
            for letter in dataset.annualLetters {
                report.annualLetters.add(try AnnualLetterRepository.upsert(letter, index: nil, in: connection))
            }
            for average in dataset.publishedAverages {
                report.publishedAverages.add(try PublishedAverageRepository.upsert(average, index: nil, in: connection))
            }
            return report
        }
    }
}
