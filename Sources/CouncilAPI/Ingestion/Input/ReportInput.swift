import Digests
import Domain

/// A report the Ombudsman published (`POST /v1/reports`).
///
/// The id is optional: without one, an id is derived from the council, the publication date and
/// the title, so posting the same report twice finds the same record instead of making two.
enum ReportInput {
    static let fieldNames = ["id", "council", "title", "summary", "published", "reference", "url"]
    static let readOnlyFieldNames = ["demo"]
    static let maximumTitleLength = 300
    static let maximumSummaryLength = 5000

    static func decode(_ fields: InputFields, in context: InputContext) throws -> Report {
        var reader = InputReader(fields, allowed: fieldNames, readOnly: readOnlyFieldNames)
        let id = reader.pattern(
            "id", maxLength: ReportID.maxLength, message: ReportID.invalidMessage,
            isValid: { ReportID(parsing: $0) != nil })
        let councilKey = reader.string("council", required: true, maxLength: 100)
        let title = reader.string("title", required: true, maxLength: maximumTitleLength)
        let summary = reader.string("summary", required: true, maxLength: maximumSummaryLength, multiline: true)
        let published = reader.pastDate("published", required: true, today: context.today)
        let reference = reader.reference("reference")
        let url = reader.url("url")
        let councilID = try reader.council(councilKey, in: context)
        try reader.finish()
        guard let councilID, let title, let summary, let published else { throw InputErrors.unreadable("council") }
        return Report(
            id: id ?? generatedID(council: councilID, published: published, title: title), councilID: councilID,
            title: title, summary: summary, published: published, reference: reference, url: url)
    }

    /// `council-YYYY-MM-DD-title-words-1a2b3c4d`: readable, and stable for the same council, date
    /// and title. The digest suffix keeps two titles that slug alike apart.
    static func generatedID(council: String, published: CalendarDate, title: String) -> String {
        var words: [String] = []
        var current = ""
        for scalar in title.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var slug = ""
        for word in words where slug.count + word.count < 60 {
            slug += (slug.isEmpty ? "" : "-") + word
        }
        let digest = SHA256.hexDigest(Array("\(council)\n\(published.iso)\n\(title)".utf8)).prefix(8)
        return [council, published.iso, slug, String(digest)].filter { !$0.isEmpty }.joined(separator: "-")
    }
}
