// libFuzzer entry point for a differential test of `JSONParser` against Foundation's
// `JSONSerialization` (with `.fragmentsAllowed`), compiled together with the parser's own sources
// by scripts/fuzz-json.sh (never by SwiftPM), so `swift build` stays as fast as before.
//
// Each input goes to both parsers. The run is a finding when one accepts and the other refuses,
// or both accept and the values differ, except for these deliberate differences, each with its
// reason (also listed in the README):
// - duplicate member names: we refuse them (RFC 8259 section 4 says names SHOULD be unique, and
//   readers disagree about which value wins); Foundation keeps one value. Names that are
//   canonically equivalent Unicode count as duplicates, because Swift strings compare so and a
//   later lookup could not tell them apart.
// - nesting depth: we refuse beyond our limit (`JSONParser.maximumSupportedDepth` here), Foundation
//   beyond its own.
// - encodings: we read UTF-8 only (RFC 8259 section 8.1); Foundation also detects UTF-16 and
//   UTF-32 from a byte order mark or zero bytes at the start.
// - numbers outside `Double`'s range: we refuse them (`1e999`); Foundation may do otherwise.
// - the last place of a long decimal: both round to the nearest `Double`, but Foundation may take
//   a different route for numbers with many digits, so doubles agree within a few units in the
//   last place.

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Says why on standard error (unbuffered, so the message survives `abort`) and crashes, which
/// is how libFuzzer learns that an input is a finding.
private func fail(_ message: String) -> Never {
    fputs("JSONDifferentialFuzzer: " + message + "\n", stderr)
    abort()
}

/// Whether Foundation would read `input` as something other than UTF-8: a UTF-16 or UTF-32 byte
/// order mark, or a zero byte among the first four (its test for BOM-less UTF-16 and UTF-32).
private func looksLikeOtherEncoding(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = Array(input.prefix(4))
    if start.starts(with: [0xFE, 0xFF]) || start.starts(with: [0xFF, 0xFE]) { return true }
    return start.contains(0)
}

/// Where our value and Foundation's differ, or nil when they agree.
private func difference(_ ours: JSONValue, _ theirs: Any, at path: String) -> String? {
    switch ours {
    case .null:
        return theirs is NSNull ? nil : "\(path): null vs \(theirs)"
    case .bool(let flag):
        guard let number = theirs as? NSNumber, number.boolValue == flag else { return "\(path): \(flag) vs \(theirs)" }
        return nil
    case .int(let integer):
        guard let number = theirs as? NSNumber else { return "\(path): \(integer) vs \(theirs)" }
        return number.int64Value == integer && number.doubleValue == Double(integer)
            ? nil : "\(path): \(integer) vs \(number)"
    case .double(let double):
        guard let number = theirs as? NSNumber else { return "\(path): \(double) vs \(theirs)" }
        let other = number.doubleValue
        return other == double || abs(other - double) <= 4 * double.ulp ? nil : "\(path): \(double) vs \(other)"
    case .string(let string):
        guard let other = theirs as? String else { return "\(path): \(string.debugDescription) vs \(theirs)" }
        return Array(string.unicodeScalars) == Array(other.unicodeScalars)
            ? nil : "\(path): \(string.debugDescription) vs \(other.debugDescription)"
    case .array(let elements):
        guard let others = theirs as? [Any], others.count == elements.count else {
            return "\(path): array of \(elements.count) vs \(theirs)"
        }
        for (index, element) in elements.enumerated() {
            if let found = difference(element, others[index], at: "\(path)[\(index)]") { return found }
        }
        return nil
    case .object(let object):
        guard let others = theirs as? [String: Any], others.count == object.count else {
            return "\(path): object of \(object.count) vs \(theirs)"
        }
        for (key, value) in object {
            guard let other = others[key] else { return "\(path): member \(key.debugDescription) missing" }
            if let found = difference(value, other, at: "\(path).\(key.debugDescription)") { return found }
        }
        return nil
    }
}

/// How deeply arrays and objects nest in `value` (a scalar has depth 0).
private func depth(_ value: JSONValue) -> Int {
    switch value {
    case .array(let elements): 1 + (elements.map(depth).max() ?? 0)
    case .object(let object): 1 + (object.values.map(depth).max() ?? 0)
    default: 0
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func jsonFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let ours: Result<JSONValue, JSONParseError>
    do {
        ours = .success(try JSONParser(maximumDepth: JSONParser.maximumSupportedDepth).parse(input))
    } catch {
        ours = .failure(error)
    }
    let theirs: Result<Any, Error>
    do {
        theirs = .success(try JSONSerialization.jsonObject(with: Data(input), options: [.fragmentsAllowed]))
    } catch {
        theirs = .failure(error)
    }
    let shown = String(decoding: input.prefix(200), as: UTF8.self).debugDescription

    switch (ours, theirs) {
    case (.success(let value), .success(let other)):
        if let found = difference(value, other, at: "$") { fail("values differ for \(shown): \(found)") }
    case (.failure(let error), .success(let other)):
        switch error.kind {
        case .duplicateKey, .nestingTooDeep, .numberOutOfRange: return 0
        default:
            if looksLikeOtherEncoding(input) { return 0 }
            fail("we refuse what Foundation accepts, \(shown): \(error) (Foundation: \(other))")
        }
    case (.success(let value), .failure(let error)):
        // Foundation's own depth limit is lower than ours.
        if depth(value) > 500 { return 0 }
        fail("we accept what Foundation refuses, \(shown): \(value) (Foundation: \(error))")
    case (.failure, .failure):
        return 0
    }
    return 0
}
