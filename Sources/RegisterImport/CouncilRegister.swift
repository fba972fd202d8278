import CSV
import Domain

/// Maps mySociety's register of UK local authorities (`uk_local_authorities_current.csv`) to the
/// councils the Ombudsman reports on, with their ONS mid-2020 populations.
///
/// Pure parsing, no database: the result goes to `CouncilRepository.upsert(councils:populations:)`,
/// which makes the import one transaction and re-running it a visible no-op. Kept are the current
/// English councils (`end-date` empty, `nation` England) of types CTY, NMD, MD, UA, LBO and CC;
/// other rows (combined and strategic authorities, Wales, Scotland, Northern Ireland, abolished
/// councils) are not councils the Ombudsman reports on and are skipped silently. A council row
/// that cannot be used is reported with its line and skipped, so one bad row does not cost the
/// other three hundred.
public enum CouncilRegister: CSVDocumentParser {
    /// The year and source recorded with each population (the register's `pop-2020` column).
    public static let populationYear = 2020
    public static let populationSource = "ons-mid-2020"

    /// The columns read, by header name (their order in the file does not matter).
    public static let requiredColumns = [
        "gov-uk-slug", "official-name", "nice-name", "gss-code", "end-date", "nation", "region",
        "local-authority-type", "pop-2020",
    ]

    /// A note about one row of the file.
    public struct Issue: Hashable, Sendable, CustomStringConvertible {
        /// 1-based physical line where the row starts.
        public let line: Int
        public let message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        public var description: String { "line \(line): \(message)" }
    }

    public struct Result: Hashable, Sendable {
        /// In file order.
        public var councils: [Council] = []
        /// One per council, for `populationYear`, in the same order.
        public var populations: [Population] = []
        /// Council rows that could not be used and were skipped.
        public var rejected: [Issue] = []
        /// Council rows that were used with a repair, such as a slug derived from the short name
        /// because the register has none yet (councils created in 2019-2023).
        public var warnings: [Issue] = []
        /// Rows that are not current English councils, skipped silently.
        public var ignoredRows = 0

        public init() {}
    }

    /// Parses a register from any byte source. Throws a `CSVError` when the file as a whole is
    /// unusable (broken quoting, a required column missing, no header); row problems are reported
    /// in the result instead.
    public static func parse(_ source: inout some CSVByteSource) throws -> Result {
        var reader = CSVReader()
        guard let headerRecord = try reader.nextRecord(from: &source) else {
            throw CSVError(kind: .missingColumn, line: 1, message: "the file is empty; expected a header row")
        }
        var mapper = RowMapper(columns: try Columns(CSVHeader(headerRecord)))
        while let record = try reader.nextRecord(from: &source) {
            mapper.map(record)
        }
        return mapper.result
    }
}

extension CouncilRegister {
    /// Positions of the required columns, resolved once from the header.
    struct Columns {
        let header: CSVHeader
        let slug, officialName, niceName, gssCode, endDate, nation, region, type, population: Int

        init(_ header: CSVHeader) throws(CSVError) {
            let positions = try header.indexes(of: CouncilRegister.requiredColumns)
            self.header = header
            (slug, officialName, niceName, gssCode, endDate) =
                (positions[0], positions[1], positions[2], positions[3], positions[4])
            (nation, region, type, population) = (positions[5], positions[6], positions[7], positions[8])
        }
    }

    /// Turns rows into councils, remembering ids and codes already taken so a repeated row is
    /// reported rather than silently overwriting the first.
    struct RowMapper {
        let columns: Columns
        var result = Result()
        private var lineOfSlug: [String: Int] = [:]
        private var lineOfCode: [String: Int] = [:]

        init(columns: Columns) {
            self.columns = columns
        }

        mutating func map(_ record: CSVRecord) {
            let line = record.line
            guard record.count == columns.header.count else {
                result.rejected.append(
                    Issue(
                        line: line, message: "row has \(record.count) fields but the header has \(columns.header.count)"
                    ))
                return
            }
            func field(_ position: Int) -> String { Self.trimmed(record[position] ?? "") }

            guard field(columns.endDate).isEmpty, field(columns.nation) == "England",
                let type = CouncilType(registerCode: field(columns.type))
            else {
                result.ignoredRows += 1
                return
            }
            let name = field(columns.officialName)
            let shortName = field(columns.niceName)
            let gssCode = field(columns.gssCode).uppercased()
            var problems: [String] = []
            if name.isEmpty { problems.append("official-name is empty") }
            if shortName.isEmpty { problems.append("nice-name is empty") }
            if gssCode.isEmpty {
                problems.append("gss-code is empty")
            } else if GSSCode(parsing: gssCode)?.isEnglish != true {
                problems.append("gss-code '\(gssCode)' is not an English GSS code (E and eight digits)")
            }
            // The register's slugs are cleaned to the one id rule (`st.-helens` → `st-helens`).
            var slug = CouncilID.cleaned(field(columns.slug))
            var warning: String?
            if slug.isEmpty, !shortName.isEmpty {
                slug = Self.slug(from: shortName)
                warning = "gov-uk-slug is empty; using '\(slug)' made from nice-name"
            }
            if slug.isEmpty {
                problems.append("gov-uk-slug is empty")
            } else if CouncilID(parsing: slug) == nil {
                problems.append("gov-uk-slug '\(slug)' \(CouncilID.invalidMessage)")
            }
            let populationText = field(columns.population)
            let population = Self.population(from: populationText)
            if population == nil {
                problems.append(
                    populationText.isEmpty
                        ? "pop-2020 is empty" : "pop-2020 '\(populationText)' is not a positive whole number")
            }
            if let earlier = lineOfCode[gssCode], !gssCode.isEmpty {
                problems.append("gss-code \(gssCode) is already used on line \(earlier)")
            }
            if let earlier = lineOfSlug[slug], !slug.isEmpty {
                problems.append("slug '\(slug)' is already used on line \(earlier)")
            }
            guard problems.isEmpty, let population else {
                result.rejected.append(Issue(line: line, message: problems.joined(separator: "; ")))
                return
            }
            if let warning { result.warnings.append(Issue(line: line, message: warning)) }
            lineOfCode[gssCode] = line
            lineOfSlug[slug] = line
            let region = field(columns.region)
            result.councils.append(
                Council(
                    id: slug, name: name, shortName: shortName, gssCode: gssCode, type: type,
                    region: region.isEmpty ? nil : region))
            result.populations.append(
                Population(
                    councilID: slug, year: CouncilRegister.populationYear, population: population,
                    source: CouncilRegister.populationSource))
        }

        /// `Westmorland and Furness` → `westmorland-and-furness`, `Dorset Council` → `dorset`. The same rule as
        /// `scripts/gen-data`, so generated decisions name the councils the import created.
        static func slug(from name: String) -> String {
            var slug = CouncilID.cleaned(name)
            // "Dorset Council" is known as `dorset`, as gov.uk's slugs leave the word out.
            if slug.hasSuffix("-council") { slug.removeLast("-council".count) }
            return slug
        }

        /// The register writes populations as decimals (`152452.0`); only a positive whole number is one.
        static func population(from text: String) -> Int? {
            guard let value = Double(text), value.isFinite, value > 0, value < 1e12,
                value.rounded(.towardZero) == value
            else { return nil }
            return Int(value)
        }

        static func trimmed(_ text: String) -> String {
            var scalars = Substring(text).unicodeScalars
            while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
            while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
            return String(String.UnicodeScalarView(scalars))
        }
    }
}
