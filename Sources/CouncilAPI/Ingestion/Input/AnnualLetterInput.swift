import Domain

/// The Ombudsman's yearly letter to a council (`POST /v1/annual-letters`); one per council and
/// year. A letter is stored as a link, as its text, or both, but never as neither.
enum AnnualLetterInput {
    static let fieldNames = ["council", "year", "published", "url", "text"]
    static let readOnlyFieldNames = ["demo"]
    static let maximumTextLength = 100_000

    static func decode(_ fields: InputFields, in context: InputContext) throws -> AnnualLetter {
        var reader = InputReader(fields, allowed: fieldNames, readOnly: readOnlyFieldNames)
        let councilKey = reader.string("council", required: true, maxLength: 100)
        let year = reader.financialYear("year", required: true)
        let published = reader.pastDate("published", required: true, today: context.today)
        let url = reader.url("url")
        let text = reader.string("text", maxLength: maximumTextLength, multiline: true)
        if url == nil && text == nil && !reader.hasError("url") && !reader.hasError("text") {
            reader.fail("url", "or text is required: a letter is stored as a link, its text, or both")
        }
        if let year, let published, published < year.start {
            reader.fail("published", "must not be before the year it reports on starts (\(year.start.iso))")
        }
        let councilID = try reader.council(councilKey, in: context)
        try reader.finish()
        guard let councilID, let year, let published else { throw InputErrors.unreadable("council") }
        return AnnualLetter(councilID: councilID, year: year, published: published, url: url, text: text)
    }
}
