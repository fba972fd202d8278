extension JSONValue {
    /// Compact JSON text as UTF-8 bytes, ready to be a response body.
    public func serialized() -> [UInt8] {
        serialized(options: .compact)
    }

    public func serialized(pretty: Bool) -> [UInt8] {
        serialized(options: pretty ? .pretty : .compact)
    }

    public func serialized(options: JSONSerializationOptions) -> [UInt8] {
        var output: [UInt8] = []
        serialize(into: &output, options: options)
        return output
    }

    /// Appends to an existing buffer, for callers that frame the JSON with other bytes.
    public func serialize(into output: inout [UInt8], options: JSONSerializationOptions = .compact) {
        var writer = JSONWriter(output: output, options: options)
        output = []
        // Grow geometrically: `reserveCapacity` allocates about what is asked, so reserving a
        // little more on every call of a caller that appends value after value to one buffer
        // (a bulk answer, one entry per line) would copy the whole buffer each time, quadratic
        // in its size.
        let needed = writer.output.count + estimatedSize(isPretty: options.isPretty)
        if needed > writer.output.capacity {
            writer.output.reserveCapacity(max(needed, writer.output.capacity * 2))
        }
        writer.write(self)
        output = writer.output
    }

    public func serializedString(pretty: Bool = false) -> String {
        String(decoding: serialized(pretty: pretty), as: UTF8.self)
    }

    /// A quick upper-bound guess at the output size so the buffer is allocated once in the common
    /// case; escapes and pretty indentation beyond the allowance simply grow it.
    func estimatedSize(isPretty: Bool) -> Int {
        switch self {
        case .null, .bool: return 5
        case .int: return 20
        case .double: return 24
        case .string(let text): return text.utf8.count + 2
        case .array(let elements):
            var size = 2
            for element in elements {
                size += element.estimatedSize(isPretty: isPretty) + (isPretty ? 8 : 1)
            }
            return size
        case .object(let object):
            var size = 2
            for (key, value) in object {
                size += key.utf8.count + 4 + value.estimatedSize(isPretty: isPretty) + (isPretty ? 8 : 0)
            }
            return size
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text, so that values print readably in logs and test failures.
    public var description: String {
        serializedString()
    }
}
