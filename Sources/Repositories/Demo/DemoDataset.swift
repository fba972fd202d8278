import Domain

/// The data a fresh server shows before any real data is ingested: Knowsley's published page
/// for 2024-25, reproduced exactly in its totals, and a few other real councils of every type
/// with invented decisions for 2022-23 to 2024-25, so every endpoint has something to show and
/// every comparison group has members.
///
/// Built in code (no files) so the binary is self-contained, and deterministically, so loading
/// it twice changes nothing. Everything invented carries `isDemo = true`.
public struct DemoDataset: Hashable, Sendable {
    public var councils: [Council]
    public var populations: [Population]
    public var complaints: [Complaint]
    public var serviceImprovements: [ServiceImprovement]
    public var reports: [Report]
    public var annualLetters: [AnnualLetter]
    public var publishedAverages: [PublishedAverage]

    public init(
        councils: [Council], populations: [Population], complaints: [Complaint],
        serviceImprovements: [ServiceImprovement], reports: [Report], annualLetters: [AnnualLetter],
        publishedAverages: [PublishedAverage]
    ) {
        self.councils = councils
        self.populations = populations
        self.complaints = complaints
        self.serviceImprovements = serviceImprovements
        self.reports = reports
        self.annualLetters = annualLetters
        self.publishedAverages = publishedAverages
    }

    /// The built-in demo data.
    public static let standard = DemoDataset.build()

    /// The date the reproduced Knowsley page describes: the end of 2024-25.
    public static let asOf = CalendarDate(daysSinceEpoch: 20_178)  // 2025-03-31

    /// The references of the ten service improvements Knowsley's page lists, in its order.
    public static let knowsleyPublishedImprovements: [String] = KnowsleyDemo.publishedReferences

    /// The seed of the invented decisions. Changing it changes every invented case.
    static let seed: UInt64 = 0x4C47_5343_4F20_3235

    private static func build() -> DemoDataset {
        var generator = DemoDecisions(seed: seed)
        var complaints: [Complaint] = []
        let years = (2022...2024).compactMap { FinancialYear(startYear: $0) }
        for entry in DemoCouncils.entries {
            for year in years {
                if entry.council.id == KnowsleyDemo.councilID, year.startYear == 2024 {
                    complaints += generator.decisions(
                        for: entry.council, in: year, outcomes: KnowsleyDemo.outcomes2024,
                        upheldDetails: (remedyBeforeOmbudsman: false, compliance: .complied))
                } else {
                    complaints += generator.decisions(for: entry.council, population: entry.population2020, in: year)
                }
            }
        }
        return DemoDataset(
            councils: DemoCouncils.councils,
            populations: DemoCouncils.populations,
            complaints: complaints,
            serviceImprovements: KnowsleyDemo.improvements,
            reports: KnowsleyDemo.reports,
            annualLetters: letters,
            publishedAverages: DemoAverages.averages)
    }

    /// Two invented annual letters (the page lists none by date); short texts in our own words.
    private static var letters: [AnnualLetter] {
        guard let year = FinancialYear(startYear: 2023), let published = CalendarDate(iso: "2024-07-17") else {
            return []
        }
        return [
            AnnualLetter(
                councilID: KnowsleyDemo.councilID, year: year, published: published,
                text:
                    "Summary of the complaints we decided about the Council in 2023-24 and how it responded to our recommendations.",
                isDemo: true),
            AnnualLetter(
                councilID: "liverpool", year: year, published: published,
                text:
                    "Our yearly summary of complaint decisions about the Council in 2023-24, with its compliance record.",
                isDemo: true),
        ]
    }
}
