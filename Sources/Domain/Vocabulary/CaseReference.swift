/// An Ombudsman case reference such as `23 008 737`.
///
/// Clients write the same reference several ways (`23 008 737`, `23008737`, `23-008-737`); all are
/// one case. It is stored and compared in its normal form (eight digits) and shown in the published
/// form (`NN NNN NNN`). The first two digits are the year the complaint reached the Ombudsman.
///
/// One rule for the API's input checks, the OpenAPI patterns and the SQL CHECK
/// `reference_is_eight_digits`: the patterns below are the ones the OpenAPI document publishes.
public struct CaseReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Eight ASCII digits.
    public let normalized: String

    /// The normal form, as stored (and held by the SQL CHECK).
    public static let pattern = "^[0-9]{8}$"
    /// The published form, as every answer shows a reference.
    public static let publishedPattern = "^[0-9]{2} [0-9]{3} [0-9]{3}$"
    /// Every spelling `init(_:)` accepts.
    public static let inputPattern = "^ *([0-9]{8}|[0-9]{2} [0-9]{3} [0-9]{3}|[0-9]{2}-[0-9]{3}-[0-9]{3}) *$"
    /// What a client is told about a bad reference.
    public static let invalidMessage = "must be a case reference written 23 008 737, 23008737 or 23-008-737"

    /// The same as `init(_:)`, named like the other identities' parsers.
    public init?(parsing text: some StringProtocol) {
        self.init(text)
    }

    /// Accepts eight digits, optionally grouped 2-3-3 by single spaces or by single hyphens.
    public init?(_ text: some StringProtocol) {
        let trimmed = text.trimmingCharacters(in: " ")
        let chars = Array(trimmed.utf8)
        let digits: [UInt8]
        switch chars.count {
        case 8:
            digits = chars
        case 10:
            let separator = chars[2]
            guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-"), chars[6] == separator else {
                return nil
            }
            digits = Array(chars[0..<2] + chars[3..<6] + chars[7..<10])
        default:
            return nil
        }
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        self.normalized = String(decoding: digits, as: UTF8.self)
    }

    /// `23 008 737`.
    public var published: String {
        let d = Array(normalized)
        return String(d[0..<2]) + " " + String(d[2..<5]) + " " + String(d[5..<8])
    }

    /// The year the case was opened: 20NN for the leading two digits NN.
    public var openedYear: Int { 2000 + (Int(normalized.prefix(2)) ?? 0) }

    public var description: String { published }

    public static func < (a: CaseReference, b: CaseReference) -> Bool { a.normalized < b.normalized }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: Character) -> Substring {
        var s = self[...]
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return Substring(s)
    }
}
