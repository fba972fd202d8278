import Domain

/// Knowsley as the Ombudsman's published page shows it for 2024-25 (the reference page in
/// `shared/reference/lgsco-knowsley-council-performance.txt`): the ten latest service
/// improvements, the two reports, and the counts its 35 decisions add up to.
///
/// What the page states is reproduced exactly: references, categories, sub-categories, report
/// titles, the decision counts. What it does not state is invented and marked `isDemo`: the
/// individual decisions behind the counts, the decision dates of the improvements, the report
/// dates. Action texts and summaries are our own short paraphrases, not the page's wording.
enum KnowsleyDemo {
    static let councilID = DemoCouncils.knowsleyID

    /// The published 2024-25 figures: 12 not for us, 19 assessed and closed, 4 investigated and
    /// all 4 upheld, none remedied before the Ombudsman, compliance recorded and met in all 4.
    static let outcomes2024: [Outcome] =
        Array(repeating: .notForUs, count: 12) + Array(repeating: .assessedAndClosed, count: 19)
        + Array(repeating: .upheld, count: 4)

    // MARK: Service improvements

    private struct ImprovementEntry {
        let reference: String
        let category: String
        let subcategory: String
        let decided: String
        let source: ImprovementSource
        let actions: [String]
    }

    /// The page's ten, newest first as it lists them. The page gives no decision dates; each date
    /// here falls after the year its reference was opened (`23 …` opened in 2023) and the dates
    /// descend in the page's order, so sorting newest first reproduces it.
    ///
    /// All ten are `decision` improvements (published for five years): every one can be dated
    /// after 31 March 2020 consistently with its reference, so all are still shown on 31 March
    /// 2025 without claiming a report the page does not list. The two reports on the page are
    /// about care assessments and supported accommodation, not these cases.
    private static let published: [ImprovementEntry] = [
        ImprovementEntry(
            reference: "23 008 737", category: "Adult care services", subcategory: "Assessment and care plan",
            decided: "2024-02-20", source: .decision,
            actions: [
                "Remind staff to bring carers who give a lot of care into needs assessments and to offer them a carer's assessment.",
                "Have the commissioned care home check admissions against the needs in the Council's support plan.",
            ]),
        ImprovementEntry(
            reference: "23 005 717", category: "Adult care services", subcategory: "Charging",
            decided: "2023-11-09", source: .decision,
            actions: ["Set out how it will handle disability-related expenditure better from now on."]),
        ImprovementEntry(
            reference: "22 017 318", category: "Adult care services", subcategory: "Assessment and care plan",
            decided: "2023-06-15", source: .decision,
            actions: ["Remind staff that letters refusing disability-related expenditure must give clear reasons."]),
        ImprovementEntry(
            reference: "22 014 796", category: "Children's care services", subcategory: "Looked after children",
            decided: "2023-04-27", source: .decision,
            actions: [
                "Remind staff of the legal time limits for children's services complaint investigations.",
                "Check more closely that remedies from its own complaint investigations are delivered.",
            ]),
        ImprovementEntry(
            reference: "22 011 836", category: "Adult care services", subcategory: "Residential care",
            decided: "2023-01-19", source: .decision,
            actions: [
                "Tell complaint handlers to get the care home's account before answering complaints about commissioned homes.",
                "Clarify, and monitor, what commissioned homes must do about taking residents to medical appointments and keeping families informed.",
            ]),
        ImprovementEntry(
            reference: "21 013 145", category: "Education", subcategory: "Special educational needs",
            decided: "2022-05-12", source: .decision,
            actions: [
                "Remind officers that alternative education does not depend on a medical reason for a child's absence."
            ]),
        ImprovementEntry(
            reference: "21 001 821", category: "Adult care services", subcategory: "Domiciliary care",
            decided: "2021-10-07", source: .decision,
            actions: ["Review how the occupational therapy and continence teams communicate with each other."]),
        ImprovementEntry(
            reference: "20 009 055", category: "Children's care services", subcategory: "Child protection",
            decided: "2021-03-04", source: .decision,
            actions: ["Show that the lessons of the case reached social workers and their managers."]),
        ImprovementEntry(
            reference: "20 003 378", category: "Adult care services", subcategory: "Other",
            decided: "2020-12-10", source: .decision,
            actions: ["Write and adopt an ordinary residence policy."]),
        ImprovementEntry(
            reference: "19 018 438", category: "Children's care services", subcategory: "Friends and family carers",
            decided: "2020-07-16", source: .decision,
            actions: [
                "Check that social workers can have unsuitable goods delivered to families sent back quickly, and tell the Ombudsman what will change."
            ]),
    ]

    /// Invented older improvements that are no longer published on 31 March 2025, so the
    /// publication filter has something to drop: a decision more than five years old, and a
    /// report more than ten years old.
    private static let expired: [ImprovementEntry] = [
        ImprovementEntry(
            reference: "18 012 604", category: "Housing", subcategory: "Homelessness",
            decided: "2019-06-20", source: .decision,
            actions: ["Train housing officers on the duty to provide interim accommodation."]),
        ImprovementEntry(
            reference: "14 003 911", category: "Adult care services", subcategory: "Safeguarding",
            decided: "2014-11-27", source: .report,
            actions: ["Review how safeguarding referrals are logged and followed up."]),
    ]

    /// The references the page lists, in its order.
    static let publishedReferences: [String] = published.map(\.reference)

    static var improvements: [ServiceImprovement] {
        (published + expired).compactMap { entry in
            guard let reference = CaseReference(entry.reference), let decided = CalendarDate(iso: entry.decided) else {
                return nil
            }
            return ServiceImprovement(
                reference: reference, councilID: councilID, category: entry.category, subcategory: entry.subcategory,
                decided: decided, source: entry.source, actions: entry.actions, isDemo: true)
        }
    }

    // MARK: Reports

    /// The page's two reports, newest first as listed. Titles are the page's; publication dates
    /// are invented (the page gives none) within the ten years before 31 March 2025, and before
    /// mid-2017, when the Ombudsman was still called the "Local Government Ombudsman" the
    /// titles use.
    static var reports: [Report] {
        let entries: [(id: String, title: String, summary: String, published: String)] = [
            (
                "knowsley-care-based-on-assessed-need",
                "Care should be based on assessed need says LGO",
                "Councils should decide care provision from each person's assessed needs, even when money is short.",
                "2016-03-10"
            ),
            (
                "knowsley-supported-accommodation-review",
                "Knowsley council did not review vulnerable man’s situation properly",
                "For over two years the Council did not plan, assess or review the support of a young man in supported accommodation.",
                "2015-07-23"
            ),
        ]
        return entries.compactMap { entry in
            guard let published = CalendarDate(iso: entry.published) else { return nil }
            return Report(
                id: entry.id, councilID: councilID, title: entry.title, summary: entry.summary, published: published,
                isDemo: true)
        }
    }
}
