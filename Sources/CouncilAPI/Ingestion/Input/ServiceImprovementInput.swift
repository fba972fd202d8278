import Domain

/// Changes a council agreed to after a case (`POST /v1/service-improvements`); one per case
/// reference, so posting the same reference again replaces it.
enum ServiceImprovementInput {
    static let fieldNames = ["reference", "council", "category", "subcategory", "decided", "source", "actions"]
    static let readOnlyFieldNames = ["demo"]
    static let maximumActionLength = 2000
    static let maximumActionCount = 100

    static func decode(_ fields: InputFields, in context: InputContext) throws -> ServiceImprovement {
        var reader = InputReader(fields, allowed: fieldNames, readOnly: readOnlyFieldNames)
        let reference = reader.reference("reference", required: true)
        let councilKey = reader.string("council", required: true, maxLength: 100)
        let category = reader.string("category", required: true, maxLength: ComplaintInput.maximumCategoryLength)
        let subcategory = reader.string("subcategory", maxLength: ComplaintInput.maximumCategoryLength)
        let decided = reader.pastDate("decided", required: true, today: context.today)
        let source = reader.choice("source", ImprovementSource.self, required: true)
        let actions = reader.stringArray(
            "actions", required: true, maxLength: maximumActionLength, maxCount: maximumActionCount)
        let councilID = try reader.council(councilKey, in: context)
        try reader.finish()
        guard let reference, let councilID, let category, let decided, let source, let actions else {
            throw InputErrors.unreadable("reference")
        }
        return ServiceImprovement(
            reference: reference, councilID: councilID, category: category, subcategory: subcategory, decided: decided,
            source: source, actions: actions)
    }
}
