/// A report the Ombudsman published about a council, kept on the public page for ten years.
public struct Report: Hashable, Sendable {
    public var id: String
    public var councilID: String
    public var title: String
    public var summary: String
    public var published: CalendarDate
    public var reference: CaseReference?
    public var url: String?
    public var isDemo: Bool

    public init(
        id: String, councilID: String, title: String, summary: String, published: CalendarDate,
        reference: CaseReference? = nil, url: String? = nil, isDemo: Bool = false
    ) {
        self.id = id
        self.councilID = councilID
        self.title = title
        self.summary = summary
        self.published = published
        self.reference = reference
        self.url = url
        self.isDemo = isDemo
    }

    /// Reports stay published for ten years.
    public static let publicationYears = 10
}
