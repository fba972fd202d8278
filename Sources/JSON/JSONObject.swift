/// A JSON object that remembers the order its members were added in.
///
/// Order matters for people, not for JSON: responses read the way handlers wrote them and match the
/// OpenAPI examples, while equality ignores order because RFC 8259 objects are unordered. Most objects
/// are small, so lookups scan the members; a hash index is built only once an object grows past
/// ``indexThreshold`` members, which keeps small responses allocation-light and large ones O(1).
public struct JSONObject: Sendable {
    public typealias Member = (key: String, value: JSONValue)

    /// Member count beyond which a key index is kept.
    static let indexThreshold = 12

    private var storage: [Member]
    private var index: [String: Int]?

    public init() {
        storage = []
        index = nil
    }

    /// Members in order; a repeated key keeps its first position and takes the last value.
    public init(_ members: [(String, JSONValue)]) {
        self.init()
        storage.reserveCapacity(members.count)
        for (key, value) in members {
            self[key] = value
        }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    public var keys: [String] { storage.map(\.key) }
    public var values: [JSONValue] { storage.map(\.value) }
    public var members: [Member] { storage }

    public func contains(key: String) -> Bool {
        position(of: key) != nil
    }

    /// Reading gives the member's value; assigning a value replaces it in place or appends a new
    /// member; assigning `nil` removes the member (write `.null` to store a JSON null).
    public subscript(key: String) -> JSONValue? {
        get {
            position(of: key).map { storage[$0].value }
        }
        set {
            if let newValue {
                if let existing = position(of: key) {
                    storage[existing].value = newValue
                } else {
                    appendNew(key: key, value: newValue)
                }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let existing = position(of: key) else { return nil }
        let removed = storage.remove(at: existing).value
        rebuildIndex()
        return removed
    }

    /// Appends a member whose key the caller has already checked is absent (the parser does so
    /// while rejecting duplicates), saving a second lookup.
    mutating func appendNew(key: String, value: JSONValue) {
        storage.append((key, value))
        if index != nil {
            index?[key] = storage.count - 1
        } else if storage.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    private func position(of key: String) -> Int? {
        if let index {
            return index[key]
        }
        return storage.firstIndex { $0.key == key }
    }

    private mutating func rebuildIndex() {
        guard storage.count > Self.indexThreshold else {
            index = nil
            return
        }
        var rebuilt = [String: Int](minimumCapacity: storage.count)
        for (position, member) in storage.enumerated() {
            rebuilt[member.key] = position
        }
        index = rebuilt
    }
}

extension JSONObject: Equatable {
    /// Same members with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for member in lhs.storage {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> IndexingIterator<[Member]> {
        storage.makeIterator()
    }

    public var underestimatedCount: Int { storage.count }
}
