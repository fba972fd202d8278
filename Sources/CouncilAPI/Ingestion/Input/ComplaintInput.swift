import Domain
import HTTPServer
import JSON

/// Turns a client's description of one decision into a valid `Complaint`, or says everything
/// that is wrong with it.
///
/// Shared by `POST /v1/complaints`, `PUT /v1/complaints/{reference}` and the bulk upload (NDJSON
/// lines and CSV rows), so a decision is held to the same rules and described with the same words
/// however it arrives. Member names are those the read API shows; `year` and `demo` are shown but
/// set by the server, so they are refused with a message that says so.
///
/// Rules, each fault reported against its field:
/// - `reference` (required): a case reference in any of its spellings (`23 008 737`, `23008737`,
///   `23-008-737`).
/// - `council` (required): the id (or GSS code) of a council on record; stored as the id.
/// - `received` (optional), `decided` (required): real dates `YYYY-MM-DD`; `decided` not before
///   `received` and not after today.
/// - `category` (required), `subcategory` (optional): text of at most 200 characters.
/// - `outcome` (required): one of `Outcome`.
/// - `not_for_us_reason` only with outcome `not_for_us`; `remedy_before_ombudsman` (boolean) and
///   `compliance` only with outcome `upheld`.
/// - no other members.
enum ComplaintInput {
    /// The members a client may write, in the order the records show them.
    static let fieldNames = [
        "reference", "council", "received", "decided", "category", "subcategory", "outcome", "not_for_us_reason",
        "remedy_before_ombudsman", "compliance",
    ]

    /// Members the records show but the server sets.
    static let readOnlyFieldNames = ["year", "demo"]

    /// The longest category or subcategory accepted.
    static let maximumCategoryLength = 200

    /// Decodes and validates one decision from a JSON object.
    ///
    /// - Throws: `InputErrors` listing every fault (field and message) when the object is not a
    ///   valid decision; any other error only when the store fails while looking up the council.
    static func decode(_ object: JSONObject, in context: InputContext) throws -> Complaint {
        try decode(.json(object), in: context)
    }

    /// Decodes and validates one decision from a CSV row keyed by header name. Empty cells are
    /// absent values; booleans are written `true` or `false`.
    ///
    /// - Throws: as `decode(_:in:)` for a JSON object.
    static func decode(row: [String: String], in context: InputContext) throws -> Complaint {
        try decode(.text(row), in: context)
    }

    /// Decodes and validates one decision from either form.
    static func decode(_ fields: InputFields, in context: InputContext) throws -> Complaint {
        var reader = InputReader(fields, allowed: fieldNames, readOnly: readOnlyFieldNames)
        let reference = reader.reference("reference", required: true)
        let councilKey = reader.string("council", required: true, maxLength: 100)
        let received = reader.date("received")
        let decided = reader.date("decided", required: true)
        let category = reader.string("category", required: true, maxLength: maximumCategoryLength)
        let subcategory = reader.string("subcategory", maxLength: maximumCategoryLength)
        let outcome = reader.choice("outcome", Outcome.self, required: true)
        let reason = reader.choice("not_for_us_reason", NotForUsReason.self)
        let remedy = reader.bool("remedy_before_ombudsman")
        let compliance = reader.choice("compliance", Compliance.self)

        let councilID = try reader.council(councilKey, in: context)
        if let decided {
            if decided > context.today {
                reader.fail("decided", "must not be in the future (today is \(context.today.iso))")
            }
            if let received, received > decided {
                reader.fail("decided", "must not be before received (\(received.iso))")
            }
        }
        if let outcome {
            if reason != nil && outcome != .notForUs {
                reader.fail("not_for_us_reason", "is only allowed when outcome is not_for_us")
            }
            if remedy != nil && outcome != .upheld {
                reader.fail("remedy_before_ombudsman", "is only allowed when outcome is upheld")
            }
            if compliance != nil && outcome != .upheld {
                reader.fail("compliance", "is only allowed when outcome is upheld")
            }
        }
        try reader.finish()
        guard let reference, let councilID, let decided, let category, let outcome else {
            throw InputErrors.unreadable("reference")
        }
        let complaint = Complaint(
            reference: reference, councilID: councilID, received: received, decided: decided, category: category,
            subcategory: subcategory, outcome: outcome, notForUsReason: reason, remedyBeforeOmbudsman: remedy,
            compliance: compliance)
        // The domain's own rules, checked last so a rule added there can never be bypassed here.
        let remaining = complaint.consistencyErrors
        guard remaining.isEmpty else {
            throw InputErrors(remaining.map { FieldError(field: $0.field, message: $0.message) })
        }
        return complaint
    }
}
