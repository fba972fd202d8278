/// Header fields in the order they arrived, names compared case-insensitively.
///
/// An ordered list rather than a dictionary: HTTP allows a name to repeat, and the parser must be
/// able to see repeats (two Content-Lengths, two Hosts) to refuse them.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Field = (name: String, value: String)
    private var fields: [Field] = []

    public init() {}
    public init(_ fields: [Field]) { self.fields = fields }
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    public var count: Int { fields.count }
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value for `name`, or nil.
    public subscript(name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }

    /// Every value for `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { fields.contains { Self.sameName($0.name, name) } }

    /// Appends a field, keeping any existing ones of the same name.
    public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

    /// Replaces every field of that name with one.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append((name, value))
    }

    public mutating func remove(_ name: String) { fields.removeAll { Self.sameName($0.name, name) } }

    /// Whether a comma-separated header such as Connection holds `token` (case-insensitive).
    public func hasToken(_ token: String, in name: String) -> Bool {
        values(for: name).contains { value in
            value.split(separator: ",").contains {
                $0.trimmingASCIISpaces().lowercased() == token.lowercased()
            }
        }
    }

    /// ASCII case-insensitive equality without allocating (field names are tokens: ASCII only;
    /// a non-ASCII byte compares as itself). Every header look-up goes through here.
    static func sameName(_ a: String, _ b: String) -> Bool {
        // Most names compared differ in length, which a native string knows without a scan.
        guard a.utf8.count == b.utf8.count else { return false }
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let x?, let y?):
                if x != y && asciiLowercased(x) != asciiLowercased(y) { return false }
            default: return false
            }
        }
    }

    @inline(__always)
    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}

extension Substring {
    /// Trims spaces and horizontal tabs, the only optional whitespace HTTP allows around values.
    func trimmingASCIISpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
