/// One CSV record and the physical line it starts on.
///
/// The line travels with the fields because every later complaint about the record (a bad date,
/// an unknown council) must point the uploader at the line to fix, and a record with an embedded
/// newline spans several lines.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// 1-based physical line of the record's first character.
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }

    public var count: Int { fields.count }

    /// The field at `index`, or `nil` when the record is shorter than that.
    public subscript(index: Int) -> String? {
        fields.indices.contains(index) ? fields[index] : nil
    }
}
