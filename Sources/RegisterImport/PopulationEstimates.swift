import CSV
import Domain

/// Reads the Office for National Statistics' mid-year population estimates for local
/// authorities, so the per-100,000 figures can use the estimate of each year rather than only the
/// register's 2020 one.
///
/// The layout is ONS's own CSV: a header row with `Code`, `Name`, `Geography` and `All ages`
/// (other columns, the single years of age, are ignored), possibly preceded by title lines. Pure
/// parsing and matching, no database: the command upserts the result with
/// `PopulationRepository.upsert(_:)` in one transaction, so running it twice changes nothing.
public enum PopulationEstimates: CSVDocumentParser {
    public typealias Issue = CouncilRegister.Issue

    /// The columns read, by header name (any order, any case).
    public static let requiredColumns = ["Code", "Name", "Geography", "All ages"]

    /// One usable row: an area's code and its estimated population.
    public struct Estimate: Hashable, Sendable {
        public let line: Int
        public let code: String
        public let name: String
        public let geography: String
        public let population: Int
    }

    public struct Result: Hashable, Sendable {
        /// In file order, one per code.
        public var estimates: [Estimate] = []
        /// Rows that could not be used, with their line.
        public var rejected: [Issue] = []

        public init() {}
    }

    /// The estimates matched to councils by GSS code, and those whose code no council has.
    public struct Matched: Hashable, Sendable {
        public var populations: [Population] = []
        public var unknown: [Estimate] = []
    }

    /// The default `source` recorded with the populations of `year`.
    public static func defaultSource(year: Int) -> String { "ons-mid-\(year)" }

    /// Parses estimates from any byte source. Lines before the first row that has every required
    /// column are title lines and skipped. Throws a `CSVError` when the file as a whole is unusable
    /// (broken quoting, no header row); row problems are reported in the result instead.
    public static func parse(_ source: inout some CSVByteSource) throws -> Result {
        var reader = CSVReader()
        var columns: [Int]?
        var width = 0
        var result = Result()
        var lineOfCode: [String: Int] = [:]
        while let record = try reader.nextRecord(from: &source) {
            guard let positions = columns else {
                if let header = try? CSVHeader(record), let found = try? header.indexes(of: requiredColumns) {
                    columns = found
                    width = header.count
                }
                continue
            }
            if record.fields.allSatisfy({ trimmed($0).isEmpty }) { continue }
            let fields = positions.map { trimmed(record[$0] ?? "") }
            var problems: [String] = []
            if record.count < width {
                problems.append("row has \(record.count) fields but the header has \(width)")
            }
            let code = fields[0].uppercased()
            if code.isEmpty { problems.append("Code is empty") }
            let population = Self.population(from: fields[3])
            if population == nil {
                problems.append(
                    fields[3].isEmpty ? "All ages is empty" : "All ages '\(fields[3])' is not a positive whole number")
            }
            if let earlier = lineOfCode[code], !code.isEmpty {
                problems.append("code \(code) is already used on line \(earlier)")
            }
            guard problems.isEmpty, let population else {
                result.rejected.append(Issue(line: record.line, message: problems.joined(separator: "; ")))
                continue
            }
            lineOfCode[code] = record.line
            result.estimates.append(
                Estimate(line: record.line, code: code, name: fields[1], geography: fields[2], population: population))
        }
        guard columns != nil else {
            throw CSVError(
                kind: .missingColumn, line: 1,
                message: "no header row with the columns \(requiredColumns.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return result
    }

    /// The estimates of councils in `councils` as populations of `year` from `source`, in file
    /// order; the rest are `unknown` (countries, regions, Welsh and Scottish areas, or councils
    /// not imported).
    public static func match(_ estimates: [Estimate], to councils: [Council], year: Int, source: String) -> Matched {
        let idOfCode = Dictionary(councils.map { ($0.gssCode.uppercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
        var matched = Matched()
        for estimate in estimates {
            if let id = idOfCode[estimate.code] {
                matched.populations.append(
                    Population(councilID: id, year: year, population: estimate.population, source: source))
            } else {
                matched.unknown.append(estimate)
            }
        }
        return matched
    }

    /// `152452`, `152,452` or `152452.0`: a positive whole number of people.
    static func population(from text: String) -> Int? {
        CouncilRegister.RowMapper.population(from: String(text.filter { $0 != "," }))
    }

    static func trimmed(_ text: String) -> String { CouncilRegister.RowMapper.trimmed(text) }
}
