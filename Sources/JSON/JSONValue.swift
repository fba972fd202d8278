/// A JSON document held as a plain Swift value.
///
/// Integers and fractional numbers are separate cases because counts and identifiers must survive a
/// round trip exactly, which a single `Double` cannot promise beyond 2^53. Equality is structural:
/// `.int(1)` and `.double(1)` are different values, just as they serialise differently.
///
/// Handlers build responses with literals, for example
/// `["status": "ok", "count": 3, "rate": nil]`; see `JSONValue+Literals.swift`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}
