/// The column names of a CSV file, resolved to field positions once.
///
/// Importers look columns up by name rather than position because the register's column order
/// is not something this project controls. Names are compared after trimming surrounding
/// whitespace and ignoring letter case, since spreadsheets add stray spaces and people retype
/// headings; two columns that would compare equal are refused, as a lookup could not tell them
/// apart.
public struct CSVHeader: Sendable, Equatable {
    public let names: [String]
    /// Line of the header row, for errors about the header itself.
    public let line: Int
    private let positions: [String: Int]

    public init(_ record: CSVRecord) throws(CSVError) {
        try self.init(names: record.fields, line: record.line)
    }

    public init(names: [String], line: Int = 1) throws(CSVError) {
        var positions: [String: Int] = [:]
        for (position, name) in names.enumerated() {
            let key = Self.normalised(name)
            if let earlier = positions[key] {
                throw CSVError(
                    kind: .duplicateColumn, line: line,
                    message: "columns \(earlier + 1) and \(position + 1) are both named '\(name)'")
            }
            positions[key] = position
        }
        self.names = names
        self.line = line
        self.positions = positions
    }

    public var count: Int { names.count }

    public func contains(_ name: String) -> Bool {
        positions[Self.normalised(name)] != nil
    }

    /// The 0-based field position of the column.
    public func index(of name: String) throws(CSVError) -> Int {
        guard let position = positions[Self.normalised(name)] else {
            throw CSVError(kind: .missingColumn, line: line, message: "the header has no column '\(name)'")
        }
        return position
    }

    /// Positions of several columns, reporting every missing one in a single error.
    public func indexes(of names: [String]) throws(CSVError) -> [Int] {
        let found = names.map { positions[Self.normalised($0)] }
        let missing = zip(names, found).filter { $0.1 == nil }.map { "'\($0.0)'" }
        guard missing.isEmpty else {
            let noun = missing.count == 1 ? "column" : "columns"
            throw CSVError(
                kind: .missingColumn, line: line,
                message: "the header has no \(noun) \(missing.joined(separator: ", "))")
        }
        return found.compactMap { $0 }
    }

    /// The named field of `record`, which must be long enough to have it.
    public func value(of name: String, in record: CSVRecord) throws(CSVError) -> String {
        let position = try index(of: name)
        guard let value = record[position] else {
            throw CSVError(
                kind: .fieldCountMismatch, line: record.line,
                message: "record has \(record.count) fields, so column '\(names[position])' "
                    + "(field \(position + 1)) is missing")
        }
        return value
    }

    /// Refuses a record whose width differs from the header's.
    public func checkFieldCount(of record: CSVRecord) throws(CSVError) {
        guard record.count != names.count else { return }
        throw CSVError(
            kind: .fieldCountMismatch, line: record.line,
            message: "record has \(record.count) fields but the header has \(names.count)")
    }

    private static func normalised(_ name: String) -> String {
        var scalars = Substring(name).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars)).lowercased()
    }

    public static func == (lhs: CSVHeader, rhs: CSVHeader) -> Bool {
        lhs.names == rhs.names && lhs.line == rhs.line
    }
}
