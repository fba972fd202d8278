import Domain
import HTTPServer
import Repositories

/// Reads and validates a request's query string against the parameters a route declares.
///
/// Unknown parameters are refused rather than ignored: a misspelt filter (`?yaer=2024-25`) that
/// silently returns everything is the worst kind of wrong answer. Every problem found is collected
/// so that one 400 names all of them, each with its parameter.
struct QueryReader {
    private var values: [String: String] = [:]
    private(set) var errors: [FieldError] = []

    init(_ request: HTTPRequest, allowed: Set<String>) {
        for item in request.query {
            if !allowed.contains(item.name) {
                errors.append(
                    FieldError(
                        field: item.name,
                        message:
                            "is not a known query parameter here; allowed: \(allowed.sorted().joined(separator: ", "))")
                )
            } else if values[item.name] != nil {
                errors.append(FieldError(field: item.name, message: "is given more than once"))
            } else {
                values[item.name] = item.value
            }
        }
    }

    /// Throws one 400 problem listing every error found so far.
    func validate() throws {
        guard errors.isEmpty else {
            let detail = errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
            throw HTTPError(
                .badRequest, type: ProblemType.invalidParameter.uri, title: "Invalid query parameter", detail: detail,
                errors: errors)
        }
    }

    mutating func fail(_ name: String, _ message: String) {
        errors.append(FieldError(field: name, message: message))
    }

    func raw(_ name: String) -> String? { values[name] }

    /// A free-text parameter; empty means absent. The length is counted in Unicode code points, as
    /// JSON Schema's `maxLength` in the OpenAPI document counts it.
    mutating func string(_ name: String, maxLength: Int = 200) -> String? {
        guard let value = values[name] else { return nil }
        if value.unicodeScalars.count > maxLength {
            fail(name, "must be at most \(maxLength) characters")
            return nil
        }
        return value.isEmpty ? nil : value
    }

    mutating func year(_ name: String = "year") -> FinancialYear? {
        guard let value = values[name] else { return nil }
        guard let year = FinancialYear(value) else {
            fail(name, "must be a reporting year such as 2024-25 (1 April to 31 March)")
            return nil
        }
        return year
    }

    mutating func date(_ name: String) -> CalendarDate? {
        guard let value = values[name] else { return nil }
        guard let date = CalendarDate(iso: value) else {
            fail(name, "must be a real calendar date written YYYY-MM-DD")
            return nil
        }
        return date
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) -> T?
    where T.RawValue == String {
        guard let value = values[name] else { return nil }
        guard let parsed = T(rawValue: value) else {
            fail(name, "must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return parsed
    }

    /// `limit`, 1 to 100.
    mutating func limit(default defaultValue: Int, name: String = "limit") -> Int {
        guard let value = values[name] else { return defaultValue }
        guard let number = Int(value), (1...100).contains(number) else {
            fail(name, "must be a whole number from 1 to 100")
            return defaultValue
        }
        return number
    }

    /// `min_investigated` of the league table: councils with fewer investigations are left out.
    mutating func minInvestigated() -> Int? {
        guard let value = values["min_investigated"] else { return nil }
        guard let number = Int(value), (0...1_000_000_000).contains(number) else {
            fail("min_investigated", "must be a whole number from 0 to 1000000000")
            return nil
        }
        return number
    }

    /// The end of every list handler: reads `limit`, `cursor` and `format`, throws one 400 for
    /// everything wrong so far, and picks the representation the client asked for.
    mutating func listRequest(_ request: HTTPRequest, defaultLimit: Int) throws -> (
        page: PageRequest, representation: Representation
    ) {
        let page = RouteContext.pageRequest(limit: limit(default: defaultLimit), cursor: cursor())
        let format = choice("format", Representation.self)
        try validate()
        return (page, try Representation.negotiate(request, format: format))
    }

    /// `cursor`, an opaque token from a previous page's `next_cursor`.
    mutating func cursor(name: String = "cursor") -> [String]? {
        guard let value = values[name] else { return nil }
        guard let key = Cursor.decode(value) else {
            fail(name, "is not a cursor this API issued; use the next_cursor of a previous page")
            return nil
        }
        return key
    }
}
