// Literal conformances let handlers write JSON the way it reads:
// `["status": "ok", "count": 3, "rate": nil, "tags": ["a", "b"]]`.

extension JSONValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) {
        self = .int(value)
    }
}

extension JSONValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) {
        self = .double(value)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    public init(stringInterpolation: DefaultStringInterpolation) {
        self = .string(String(stringInterpolation: stringInterpolation))
    }
}

extension JSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// A repeated key keeps its first position and takes the last value, as ``JSONObject`` does.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}

// Optional-mapping initialisers: a missing value becomes `null`, which is how the API reports
// "no data" (for example a rate with no complaints behind it).
extension JSONValue {
    public init(_ value: Double?) {
        self = value.map(JSONValue.double) ?? .null
    }

    public init(_ value: Int64?) {
        self = value.map(JSONValue.int) ?? .null
    }

    public init(_ value: Int?) {
        self = value.map { .int(Int64($0)) } ?? .null
    }

    public init(_ value: String?) {
        self = value.map(JSONValue.string) ?? .null
    }

    public init(_ value: Bool?) {
        self = value.map(JSONValue.bool) ?? .null
    }
}
