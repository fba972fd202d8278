/// Opaque pagination cursors.
///
/// A cursor carries the sort key of the last row of a page (keyset pagination), so the next page
/// starts strictly after it however many rows were inserted meanwhile. It is base64url text so
/// clients treat it as a token, not as something to build or edit; a version prefix lets the
/// format change without misreading old cursors.
enum Cursor {
    private static let version: UInt8 = 1

    static func encode(_ key: [String]) -> String {
        var bytes: [UInt8] = [version]
        for part in key {
            let utf8 = Array(part.utf8)
            bytes.append(contentsOf: varint(utf8.count))
            bytes.append(contentsOf: utf8)
        }
        return Base64URL.encode(bytes)
    }

    static func decode(_ text: String) -> [String]? {
        guard text.utf8.count <= 1024, let bytes = Base64URL.decode(text), bytes.first == version else { return nil }
        var parts: [String] = []
        var index = 1
        while index < bytes.count {
            guard let (length, next) = readVarint(bytes, from: index), next + length <= bytes.count else { return nil }
            guard let part = String(validating: bytes[next..<(next + length)], as: UTF8.self) else { return nil }
            parts.append(part)
            index = next + length
        }
        return parts.isEmpty ? nil : parts
    }

    private static func varint(_ value: Int) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value > 0 { byte |= 0x80 }
            out.append(byte)
        } while value > 0
        return out
    }

    private static func readVarint(_ bytes: [UInt8], from start: Int) -> (Int, Int)? {
        var value = 0
        var shift = 0
        var index = start
        while index < bytes.count, shift < 28 {
            let byte = bytes[index]
            value |= Int(byte & 0x7F) << shift
            index += 1
            if byte & 0x80 == 0 { return (value, index) }
            shift += 7
        }
        return nil
    }
}

/// Base64 with the URL-safe alphabet and no padding (RFC 4648 section 5), so a cursor can sit in a
/// query string without escaping.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let reverse: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let b0 = Int(bytes[index])
            let b1 = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[((b0 & 0x03) << 4) | (b1 >> 4)])
            if index + 1 < bytes.count { out.append(alphabet[((b1 & 0x0F) << 2) | (b2 >> 6)]) }
            if index + 2 < bytes.count { out.append(alphabet[b2 & 0x3F]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        for char in chars {
            let value = reverse[Int(char)]
            guard value >= 0 else { return nil }
            buffer = (buffer << 6) | Int(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        // Leftover bits must be zero, so each byte string has exactly one spelling.
        guard buffer & ((1 << bits) - 1) == 0 else { return nil }
        return out
    }
}
