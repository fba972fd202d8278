/// Writes RFC 4180 CSV into a byte buffer: CR LF line ends, and quotes around exactly the fields
/// that need them (a comma, quote, CR or LF inside), so output stays readable and diff-friendly.
///
/// Exports are opened in spreadsheets, where a cell starting with `=`, `+`, `-`, `@`, tab or CR
/// can run as a formula (CSV injection). By default such fields get a leading apostrophe, which
/// spreadsheets show as text; fields that are plain numbers (`-1.5`, `+3`, `-2e-3`) are left alone,
/// because they cannot run and rates must stay numeric. The apostrophe is data as far as CSV is
/// concerned, so choose ``FormulaProtection/none`` when the output is read back by a program.
public struct CSVWriter: Sendable {
    public enum FormulaProtection: Sendable, Equatable {
        /// Fields are written exactly as given.
        case none
        /// Fields that a spreadsheet would evaluate get a leading `'`.
        case prefixApostrophe
    }

    public let formulaProtection: FormulaProtection
    /// The CSV written so far.
    public private(set) var bytes: [UInt8] = []

    public init(formulaProtection: FormulaProtection = .prefixApostrophe, reservingCapacity capacity: Int = 0) {
        self.formulaProtection = formulaProtection
        bytes.reserveCapacity(capacity)
    }

    /// The header is an ordinary row; it is named separately so call sites read as the file does.
    public mutating func writeHeader(_ names: [String]) {
        writeRow(names)
    }

    public mutating func writeRow(_ fields: [String]) {
        if fields.count == 1, fields[0].isEmpty {
            // A lone empty field would be a blank line, which readers skip; quote it to keep the row.
            bytes.append(contentsOf: [Self.quote, Self.quote])
        } else {
            for (position, field) in fields.enumerated() {
                if position > 0 { bytes.append(Self.comma) }
                writeField(field)
            }
        }
        bytes.append(contentsOf: [Self.carriageReturn, Self.lineFeed])
    }

    /// Hands over what has been written and starts an empty buffer, for streaming large exports.
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    /// A whole file in one call.
    public static func encode(
        header: [String], rows: [[String]], formulaProtection: FormulaProtection = .prefixApostrophe
    ) -> [UInt8] {
        var writer = CSVWriter(formulaProtection: formulaProtection)
        writer.writeHeader(header)
        for row in rows { writer.writeRow(row) }
        return writer.bytes
    }

    private mutating func writeField(_ field: String) {
        let utf8 = field.utf8
        let needsApostrophe = formulaProtection == .prefixApostrophe && Self.mightRunAsFormula(utf8)
        let needsQuotes = utf8.contains {
            $0 == Self.comma || $0 == Self.quote || $0 == Self.carriageReturn || $0 == Self.lineFeed
        }
        if needsQuotes { bytes.append(Self.quote) }
        if needsApostrophe { bytes.append(UInt8(ascii: "'")) }
        if needsQuotes {
            for byte in utf8 {
                bytes.append(byte)
                if byte == Self.quote { bytes.append(Self.quote) }
            }
            bytes.append(Self.quote)
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    private static func mightRunAsFormula(_ utf8: String.UTF8View) -> Bool {
        guard let first = utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "\t"), carriageReturn:
            return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return !isPlainNumber(utf8)
        default:
            return false
        }
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
    static func isPlainNumber(_ utf8: String.UTF8View) -> Bool {
        var bytes = utf8.makeIterator()
        var next = bytes.next()
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { next = bytes.next() }
        var digits = 0
        while isDigit(next) { digits += 1; next = bytes.next() }
        if next == UInt8(ascii: ".") {
            next = bytes.next()
            while isDigit(next) { digits += 1; next = bytes.next() }
        }
        guard digits > 0 else { return false }
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            next = bytes.next()
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { next = bytes.next() }
            guard isDigit(next) else { return false }
            while isDigit(next) { next = bytes.next() }
        }
        return next == nil
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
}
