import CSV

/// The columns of a CSV answer: a header name and how to write each record's cell. CSV is for
/// people and spreadsheets, so figures are shown as on the Ombudsman's page (see `CSVFormat`).
struct CSVColumns<Item>: Sendable {
    let columns: [(name: String, value: @Sendable (Item) -> String)]

    init(_ columns: [(name: String, value: @Sendable (Item) -> String)]) {
        self.columns = columns
    }

    func render(_ items: [Item]) -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(columns.map(\.name))
        for item in items { writer.writeRow(columns.map { $0.value(item) }) }
        return writer.bytes
    }
}

/// Presentation rounding, done only here: rates as whole percentages ("81%"), per-100k figures to
/// one decimal ("4.7"), absent values as empty cells.
///
/// Total over every finite Double: a figure too large for an `Int` (a published average may be
/// any finite number) is written as Swift writes the Double ("1e+300"), never converted with a
/// trapping `Int(_:)`, which would bring the whole server down on one read.
enum CSVFormat {
    static func percent(_ rate: Double?) -> String {
        guard let rate, rate.isFinite else { return "" }
        guard let whole = Int(exactly: (rate * 100).rounded()) else { return "\(rate * 100)%" }
        return "\(whole)%"
    }

    static func oneDecimal(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        guard let tenths = Int(exactly: (value * 10).rounded()), tenths != .min else { return "\(value)" }
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    static func optional(_ value: String?) -> String { value ?? "" }
    static func optional(_ value: Int?) -> String { value.map(String.init) ?? "" }
    static func optional(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }
}
