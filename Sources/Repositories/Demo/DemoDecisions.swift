import Domain

/// Invents individual decisions, deterministically (fixed seed, fixed order), with a realistic
/// mix of outcomes, categories and time from receipt to decision. Every one is `isDemo`.
struct DemoDecisions {
    private var random: DemoRandom
    /// The next free serial per two-digit reference prefix, so no two invented cases share a
    /// reference. Serials start at 100 000, above every real reference the demo reproduces.
    private var nextSerial: [Int: Int] = [:]

    init(seed: UInt64) {
        random = DemoRandom(seed: seed)
    }

    /// Decisions of `council` in `year`, as many as its size suggests, outcomes drawn by weight.
    mutating func decisions(for council: Council, population: Int, in year: FinancialYear) -> [Complaint] {
        let perHundredThousand: Int =
            switch council.type {
            case .county: 14
            case .district: 12
            case .metropolitanBorough: 22
            case .unitary: 20
            case .londonBorough: 25
            }
        let expected = population * perHundredThousand / 100_000
        let count = max(1, expected * random.int(in: 85...115) / 100)
        let outcomes = (0..<count).compactMap { _ in
            random.pick([
                (Outcome.notForUs, weight: 34), (.assessedAndClosed, weight: 43), (.upheld, weight: 17),
                (.notUpheld, weight: 6),
            ])
        }
        return decisions(for: council, in: year, outcomes: outcomes, upheldDetails: nil)
    }

    /// Decisions of `council` in `year` with exactly `outcomes`, in a shuffled order. Upheld ones
    /// get `upheldDetails` when given (to match published counts), otherwise drawn by weight.
    mutating func decisions(
        for council: Council, in year: FinancialYear, outcomes: [Outcome],
        upheldDetails: (remedyBeforeOmbudsman: Bool, compliance: Compliance?)?
    ) -> [Complaint] {
        let categories = DemoCategories.categories(for: council.type)
        let daysInYear = year.end.daysSinceEpoch - year.start.daysSinceEpoch
        var result: [Complaint] = []
        for outcome in random.shuffled(outcomes) {
            let decided = year.start.adding(days: random.int(in: 0...daysInYear))
            let lag: Int =
                switch outcome {
                case .notForUs: random.int(in: 3...40)
                case .assessedAndClosed: random.int(in: 15...120)
                case .upheld, .notUpheld: random.int(in: 90...320)
                }
            let received = decided.adding(days: -lag)
            guard let category = random.pick(categories.map { ($0, weight: $0.weight) }),
                let reference = reference(receivedIn: received.year)
            else { continue }
            let subcategory =
                category.subcategories.isEmpty
                ? nil : category.subcategories[random.int(in: 0...(category.subcategories.count - 1))]
            var complaint = Complaint(
                reference: reference, councilID: council.id, received: received, decided: decided,
                category: category.name, subcategory: subcategory, outcome: outcome, isDemo: true)
            switch outcome {
            case .notForUs:
                complaint.notForUsReason = random.pick([
                    (NotForUsReason.premature, weight: 55), (.referredBack, weight: 15), (.adviceGiven, weight: 10),
                    (.incompleteOrInvalid, weight: 10), (.outOfJurisdiction, weight: 10),
                ])
            case .upheld:
                if let upheldDetails {
                    complaint.remedyBeforeOmbudsman = upheldDetails.remedyBeforeOmbudsman
                    complaint.compliance = upheldDetails.compliance
                } else {
                    complaint.remedyBeforeOmbudsman = random.chance(12)
                    complaint.compliance =
                        random.pick([
                            (Compliance?.some(.complied), weight: 95), (.some(.notComplied), weight: 2),
                            (nil, weight: 3),
                        ]) ?? nil
                }
            case .assessedAndClosed, .notUpheld:
                break
            }
            result.append(complaint)
        }
        return result
    }

    /// A fresh reference for a case received in `year`: its two-digit prefix, then a serial.
    private mutating func reference(receivedIn year: Int) -> CaseReference? {
        let prefix = year % 100
        let serial = nextSerial[prefix] ?? 100_000 + random.int(in: 0...999)
        nextSerial[prefix] = serial + random.int(in: 1...97)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return CaseReference(pad(prefix, 2) + pad(serial, 6))
    }
}
