/// One decision of the Ombudsman on a complaint about a council. Its decision date fixes the
/// reporting year; the remedy and compliance fields only mean something for upheld complaints.
public struct Complaint: Hashable, Sendable {
    public var reference: CaseReference
    public var councilID: String
    public var received: CalendarDate?
    public var decided: CalendarDate
    public var category: String
    public var subcategory: String?
    public var outcome: Outcome
    public var notForUsReason: NotForUsReason?
    /// Upheld only: the council had already offered a remedy the Ombudsman found satisfactory.
    public var remedyBeforeOmbudsman: Bool?
    /// Upheld only: nil until a compliance outcome is recorded.
    public var compliance: Compliance?
    public var isDemo: Bool

    public init(
        reference: CaseReference, councilID: String, received: CalendarDate? = nil, decided: CalendarDate,
        category: String, subcategory: String? = nil, outcome: Outcome, notForUsReason: NotForUsReason? = nil,
        remedyBeforeOmbudsman: Bool? = nil, compliance: Compliance? = nil, isDemo: Bool = false
    ) {
        self.reference = reference
        self.councilID = councilID
        self.received = received
        self.decided = decided
        self.category = category
        self.subcategory = subcategory
        self.outcome = outcome
        self.notForUsReason = notForUsReason
        self.remedyBeforeOmbudsman = remedyBeforeOmbudsman
        self.compliance = compliance
        self.isDemo = isDemo
    }

    public var year: FinancialYear { FinancialYear(containing: decided) }

    /// The rules a stored decision must satisfy, as messages keyed by field. The database refuses
    /// the same combinations with CHECK constraints; this gives the client the readable version.
    public var consistencyErrors: [(field: String, message: String)] {
        var errors: [(String, String)] = []
        if decided < CalendarDate.earliestRecorded {
            errors.append(
                (
                    "decided",
                    "must not be before \(CalendarDate.earliestRecorded.iso), the first day of the earliest reporting year"
                ))
        }
        if let received, received > decided {
            errors.append(("decided", "must not be before received (\(received.iso))"))
        }
        if notForUsReason != nil && outcome != .notForUs {
            errors.append(("not_for_us_reason", "is only allowed when outcome is not_for_us"))
        }
        if remedyBeforeOmbudsman != nil && outcome != .upheld {
            errors.append(("remedy_before_ombudsman", "is only allowed when outcome is upheld"))
        }
        if compliance != nil && outcome != .upheld {
            errors.append(("compliance", "is only allowed when outcome is upheld"))
        }
        return errors
    }
}
