/// How many decisions of each kind one council had in one year: the counts every published
/// figure is derived from.
///
/// Repositories count (that is what the database is good at); `Statistics` turns counts into
/// rates and averages (pure arithmetic, testable by hand). This type is the hand-over between them.
public struct DecisionTally: Hashable, Sendable {
    public var councilID: String
    public var year: FinancialYear
    public var notForUs: Int
    public var assessedAndClosed: Int
    public var upheld: Int
    public var notUpheld: Int
    /// Upheld decisions where the council had already provided a satisfactory remedy.
    public var remediedBeforeOmbudsman: Int
    public var complied: Int
    public var notComplied: Int

    public init(
        councilID: String, year: FinancialYear, notForUs: Int = 0, assessedAndClosed: Int = 0, upheld: Int = 0,
        notUpheld: Int = 0, remediedBeforeOmbudsman: Int = 0, complied: Int = 0, notComplied: Int = 0
    ) {
        self.councilID = councilID
        self.year = year
        self.notForUs = notForUs
        self.assessedAndClosed = assessedAndClosed
        self.upheld = upheld
        self.notUpheld = notUpheld
        self.remediedBeforeOmbudsman = remediedBeforeOmbudsman
        self.complied = complied
        self.notComplied = notComplied
    }

    /// Adds one decision's contribution; used by tests and by in-memory tallies.
    public mutating func count(_ complaint: Complaint) {
        switch complaint.outcome {
        case .notForUs: notForUs += 1
        case .assessedAndClosed: assessedAndClosed += 1
        case .notUpheld: notUpheld += 1
        case .upheld:
            upheld += 1
            if complaint.remedyBeforeOmbudsman == true { remediedBeforeOmbudsman += 1 }
            switch complaint.compliance {
            case .complied: complied += 1
            case .notComplied: notComplied += 1
            case nil: break
            }
        }
    }
}
