/// Changes a council agreed to make after a case, listed on its page: "The Council will remind
/// staff…". One per case reference; the actions keep the order they were agreed in.
public struct ServiceImprovement: Hashable, Sendable {
    public var reference: CaseReference
    public var councilID: String
    public var category: String
    public var subcategory: String?
    public var decided: CalendarDate
    public var source: ImprovementSource
    public var actions: [String]
    public var isDemo: Bool

    public init(
        reference: CaseReference, councilID: String, category: String, subcategory: String?,
        decided: CalendarDate, source: ImprovementSource, actions: [String], isDemo: Bool = false
    ) {
        self.reference = reference
        self.councilID = councilID
        self.category = category
        self.subcategory = subcategory
        self.decided = decided
        self.source = source
        self.actions = actions
        self.isDemo = isDemo
    }

    /// Whether the Ombudsman would still show it on `today`: five years after a decision, ten after a report.
    public func isPublished(on today: CalendarDate) -> Bool {
        decided > today.adding(years: -source.publicationYears) && decided <= today
    }
}
