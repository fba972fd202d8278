/// A league table's order: a key and a direction, written `upheld_rate` (ascending) or
/// `-upheld_rate` (descending) in a query string.
///
/// The leading minus is the common convention for descending sorts in JSON APIs; parsing it here
/// keeps the spelling and its meaning in one place, next to the sort that honours it.
public struct LeagueOrder: Hashable, Sendable, CustomStringConvertible {
    public enum Direction: String, CaseIterable, Codable, Sendable {
        case ascending
        case descending
    }

    public let key: SortKey
    public let direction: Direction

    public init(_ key: SortKey, _ direction: Direction = .ascending) {
        self.key = key
        self.direction = direction
    }

    /// Parses `key` or `-key`; nil for anything else (unknown key, empty, a bare or doubled minus).
    public init?(parameter text: some StringProtocol) {
        let descending = text.hasPrefix("-")
        guard let key = SortKey(rawValue: String(descending ? text.dropFirst() : text[...])) else { return nil }
        self.init(key, descending ? .descending : .ascending)
    }

    /// The query-string spelling, the inverse of `init(parameter:)`.
    public var description: String {
        direction == .descending ? "-\(key.rawValue)" : key.rawValue
    }

    /// Whether `a` comes before `b`: by value in this direction, values before nil, then by id.
    public func precedes(_ a: LeaguePosition, _ b: LeaguePosition) -> Bool {
        switch (a.value, b.value) {
        case (let x?, let y?) where x != y: direction == .descending ? x > y : x < y
        case (_?, nil): true
        case (nil, _?): false
        default: a.councilID < b.councilID
        }
    }
}
