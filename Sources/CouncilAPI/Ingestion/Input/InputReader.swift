import Domain
import HTTPServer
import JSON

/// Reads the members of one input record by type, collecting a `FieldError` for every fault.
///
/// The counterpart of `QueryReader` for bodies. Each accessor returns nil when the member is
/// absent or wrong, having recorded why, so a decoder reads every field in one pass and reports
/// all faults together. Unknown members are refused, never ignored: a misspelt optional field
/// (`subcatgeory`) silently dropped is data lost without anyone noticing.
struct InputReader {
    private let fields: InputFields
    private(set) var errors: [FieldError] = []

    /// - Parameters:
    ///   - allowed: the members a client may write.
    ///   - readOnly: members the records show but the server sets (`year`, `demo`); refused with
    ///     a message saying so rather than as unknown, since the client took them from our answers.
    init(_ fields: InputFields, allowed: [String], readOnly: [String] = []) {
        self.fields = fields
        let known = Set(allowed)
        let serverSet = Set(readOnly)
        for name in fields.names where !known.contains(name) {
            if serverSet.contains(name) {
                fail(name, "is set by the server and cannot be written; leave it out")
            } else {
                fail(name, "is not a known field; allowed: \(allowed.joined(separator: ", "))")
            }
        }
    }

    /// Throws every fault found so far.
    func finish() throws(InputErrors) {
        guard errors.isEmpty else { throw InputErrors(errors) }
    }

    mutating func fail(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// Replaces the faults recorded against `field` with one saying `message`.
    mutating func replaceFault(_ field: String, _ message: String) {
        errors.removeAll { $0.field == field }
        fail(field, message)
    }

    /// Whether any fault has been recorded against `field`.
    func hasError(_ field: String) -> Bool {
        errors.contains { $0.field == field }
    }

    // MARK: Presence

    /// The member when present and not null; records "is required" when `required` and missing.
    private mutating func present(_ name: String, required: Bool) -> InputMember? {
        switch fields.member(name) {
        case .absent:
            if required { fail(name, "is required") }
            return nil
        case .null:
            if required { fail(name, "is required and must not be null or empty") }
            return nil
        case let member:
            return member
        }
    }

    // MARK: Scalars

    /// Text of at most `maxLength` characters that is not blank. Control characters are refused
    /// unless `multiline`, which allows line breaks and tabs (summaries, letters).
    mutating func string(_ name: String, required: Bool = false, maxLength: Int, multiline: Bool = false) -> String? {
        guard let member = present(name, required: required) else { return nil }
        let text: String
        switch member {
        case .json(.string(let value)), .text(let value): text = value
        default:
            fail(name, "must be a string")
            return nil
        }
        if Self.isBlank(text) {
            fail(name, "must not be blank")
            return nil
        }
        if Self.length(text) > maxLength {
            fail(name, "must be at most \(maxLength) characters")
            return nil
        }
        let allowedControls: Set<Unicode.Scalar> = multiline ? Self.lineControls : []
        let refused = { (scalar: Unicode.Scalar) in
            (Self.isControl(scalar) && !allowedControls.contains(scalar))
                || (!multiline && Self.lineSeparators.contains(scalar))
        }
        if text.unicodeScalars.contains(where: refused) {
            fail(
                name,
                multiline
                    ? "must not contain control characters other than line breaks and tabs"
                    : "must not contain control characters or line breaks")
            return nil
        }
        return text
    }

    mutating func bool(_ name: String, required: Bool = false) -> Bool? {
        guard let member = present(name, required: required) else { return nil }
        switch member {
        case .json(.bool(let value)): return value
        case .text("true"): return true
        case .text("false"): return false
        default:
            fail(name, "must be true or false")
            return nil
        }
    }

    /// A whole number within `range`.
    mutating func integer(_ name: String, required: Bool = false, in range: ClosedRange<Int>) -> Int? {
        guard let member = present(name, required: required) else { return nil }
        let number: Int?
        switch member {
        case .json(.int(let value)): number = Int(exactly: value)
        case .json(.double(let value)): number = Int(exactly: value)
        case .text(let text): number = Int(text)
        default: number = nil
        }
        let outOfRange =
            range.upperBound == .max
            ? "must be from \(range.lowerBound) to \(Int.max)"
            : "must be from \(range.lowerBound) to \(range.upperBound)"
        guard let number else {
            // A whole number too large for 64 bits is out of range, not "not a whole number".
            fail(name, Self.isWholeNumber(member) ? outOfRange : "must be a whole number")
            return nil
        }
        guard range.contains(number) else {
            fail(name, outOfRange)
            return nil
        }
        return number
    }

    /// Whether `member` writes a whole number, whatever its size (`1e30`, `99999999999999999999`).
    private static func isWholeNumber(_ member: InputMember) -> Bool {
        switch member {
        case .json(.int): return true
        case .json(.double(let value)): return value.isFinite && value.rounded() == value
        case .text(let text):
            let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
            return !digits.isEmpty && digits.allSatisfy { ("0"..."9").contains($0) }
        default: return false
        }
    }

    /// A finite number.
    mutating func number(_ name: String, required: Bool = false) -> Double? {
        guard let member = present(name, required: required) else { return nil }
        let number: Double?
        switch member {
        case .json(let value): number = value.doubleValue
        case .text(let text): number = Double(text)
        default: number = nil
        }
        guard let number, number.isFinite else {
            fail(name, "must be a number")
            return nil
        }
        return number
    }

    // MARK: Vocabulary

    /// A real date from `CalendarDate.earliestRecorded` on: every date a record stores falls in a
    /// reporting year the API can name.
    mutating func date(_ name: String, required: Bool = false) -> CalendarDate? {
        guard let text = rawText(name, required: required) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            fail(name, "must be a real calendar date written YYYY-MM-DD")
            return nil
        }
        guard date >= CalendarDate.earliestRecorded else {
            fail(
                name,
                "must not be before \(CalendarDate.earliestRecorded.iso), the first day of the earliest reporting year")
            return nil
        }
        return date
    }

    /// A date on or before `today`: records describe what has happened.
    mutating func pastDate(_ name: String, required: Bool = false, today: CalendarDate) -> CalendarDate? {
        guard let date = date(name, required: required) else { return nil }
        guard date <= today else {
            fail(name, "must not be in the future (today is \(today.iso))")
            return nil
        }
        return date
    }

    mutating func reference(_ name: String, required: Bool = false) -> CaseReference? {
        guard let text = rawText(name, required: required) else { return nil }
        guard let reference = CaseReference(text) else {
            fail(name, CaseReference.invalidMessage)
            return nil
        }
        return reference
    }

    mutating func financialYear(_ name: String, required: Bool = false) -> FinancialYear? {
        guard let text = rawText(name, required: required) else { return nil }
        guard let year = FinancialYear(text) else {
            fail(name, "must be a reporting year written like 2024-25 (1 April 2024 to 31 March 2025)")
            return nil
        }
        return year
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, required: Bool = false)
        -> T?
    where T.RawValue == String {
        guard let text = rawText(name, required: required) else { return nil }
        guard let value = T(rawValue: text) else {
            fail(name, "must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// Text matching `isValid`, with `message` when it does not.
    mutating func pattern(
        _ name: String, required: Bool = false, maxLength: Int = 200, message: String, isValid: (String) -> Bool
    ) -> String? {
        guard let text = rawText(name, required: required, maxLength: maxLength) else { return nil }
        guard isValid(text) else {
            fail(name, message)
            return nil
        }
        return text
    }

    /// An absolute http or https URL of at most 2000 characters.
    mutating func url(_ name: String, required: Bool = false) -> String? {
        pattern(
            name, required: required, maxLength: 2000, message: "must be an absolute http:// or https:// URL",
            isValid: Self.isWebURL)
    }

    /// The id of the council `key` names (an id or a GSS code), recording a fault when none does.
    /// Throws only when the store fails.
    mutating func council(_ key: String?, in context: InputContext, field: String = "council") throws -> String? {
        guard let key else { return nil }
        guard let id = try context.councils.councilID(for: key) else {
            fail(field, "does not exist: no council has the id or GSS code '\(key)'; GET /v1/councils lists them")
            return nil
        }
        return id
    }

    // MARK: Arrays

    /// A non-empty array of non-blank strings, each at most `maxLength` characters.
    mutating func stringArray(_ name: String, required: Bool = false, maxLength: Int, maxCount: Int) -> [String]? {
        guard let member = present(name, required: required) else { return nil }
        guard case .json(.array(let elements)) = member else {
            fail(name, "must be an array of strings")
            return nil
        }
        guard !elements.isEmpty else {
            fail(name, "must hold at least one entry")
            return nil
        }
        guard elements.count <= maxCount else {
            fail(name, "must hold at most \(maxCount) entries")
            return nil
        }
        var strings: [String] = []
        var valid = true
        for (index, element) in elements.enumerated() {
            let field = "\(name)[\(index)]"
            guard case .string(let text) = element else {
                fail(field, "must be a string")
                valid = false
                continue
            }
            if Self.isBlank(text) {
                fail(field, "must not be blank")
                valid = false
            } else if Self.length(text) > maxLength {
                fail(field, "must be at most \(maxLength) characters")
                valid = false
            } else if text.unicodeScalars.contains(where: { Self.isControl($0) && !Self.lineControls.contains($0) }) {
                fail(field, "must not contain control characters other than line breaks and tabs")
                valid = false
            } else {
                strings.append(text)
            }
        }
        return valid ? strings : nil
    }

    // MARK: Helpers

    /// A member that must be text (a JSON string or a CSV cell) of bounded length, before parsing.
    private mutating func rawText(_ name: String, required: Bool, maxLength: Int = 200) -> String? {
        guard let member = present(name, required: required) else { return nil }
        switch member {
        case .json(.string(let value)), .text(let value):
            guard Self.length(value) <= maxLength else {
                fail(name, "must be at most \(maxLength) characters")
                return nil
            }
            return value
        default:
            fail(name, "must be a string")
            return nil
        }
    }

    /// A text's length in Unicode code points, as JSON Schema's `maxLength` counts it (and as the
    /// OpenAPI document states the limits). Not `String.count`: grapheme clusters would let an
    /// emoji modifier or combining mark ride free, so the server would accept text the document
    /// calls too long, and the count would shift with the Unicode version.
    static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// The control characters multi-line text may hold.
    static let lineControls: Set<Unicode.Scalar> = ["\n", "\r", "\t"]

    /// Unicode's line and paragraph separators: line breaks that are not control characters,
    /// refused in one-line text like LF.
    static let lineSeparators: Set<Unicode.Scalar> = ["\u{2028}", "\u{2029}"]

    /// Text with nothing that shows: white space and invisible format characters only.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || isInvisible($0) }
    }

    /// The format characters that show nothing (soft hyphen, Mongolian vowel separator, zero-width
    /// spaces and joiners, direction marks and embeddings, word joiner and invisible operators,
    /// isolates, the byte order mark); the OpenAPI document's `visibleCharacter` excludes the same.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xAD, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF: true
        default: false
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `http://` or `https://`, a host, no spaces or control characters.
    static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && !text.unicodeScalars.contains { isControl($0) || $0 == " " }
    }
}
