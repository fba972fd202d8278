/// A failure of the raw test client, with what it was doing.
public struct RawClientError: Error, CustomStringConvertible {
    public let description: String
    /// The `errno` of the failing call, when there was one.
    public var code: Int32 = 0

    public init(description: String, code: Int32 = 0) {
        self.description = description
        self.code = code
    }
}
