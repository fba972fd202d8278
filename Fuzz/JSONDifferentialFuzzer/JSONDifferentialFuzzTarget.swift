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
// - the last places of a long decimal: we round to the nearest `Double`; Foundation takes a
//   shorter route for numbers with many digits and can land several units in the last place away
//   (`99…9000…0001` with 121 digits: 1e121 against 1.0000000000000006e121), so doubles agree when
//   they are within a relative 1e-12 of each other. Gross misreadings still show.
// - U+FEFF inside a string: we keep it, as RFC 8259 says; Foundation drops one that starts a string
//   or a run of characters after an escape (`"\n\u{FEFF}x"` reads as "\nx"), which can also make
//   two member names one. An input holding U+FEFF on which the two disagree is judged again with
//   every U+FEFF taken out.
// - a trailing comma before `]` or `}`: RFC 8259's grammar has none and we refuse it; Foundation
//   accepts `[1,]` and `{"a":1,}`. An input we refuse and Foundation accepts is judged again with
//   such commas taken out.

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

private let jsonWhitespace: [UInt8] = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]

/// `input` with every comma that stands (whitespace aside) right before a closing `]` or `}` taken
/// out, leaving commas inside strings and commas that follow no value (`[,]`) alone; nil when
/// there is none.
private func withoutTrailingCommas(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    var output: [UInt8] = []
    output.reserveCapacity(input.count)
    var pendingComma: Int? = nil
    var inString = false
    var escaped = false
    var removed = false
    var last: UInt8 = 0  // the last byte outside strings that is not whitespace
    for byte in input {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
                last = byte
            }
            output.append(byte)
            continue
        }
        if jsonWhitespace.contains(byte) {
            output.append(byte)
            continue
        }
        switch byte {
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            if let comma = pendingComma {
                output.remove(at: comma)
                removed = true
            }
            pendingComma = nil
        case UInt8(ascii: ","):
            let followsValue = ![UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"), 0]
                .contains(last)
            pendingComma = followsValue ? output.count : nil
        default:
            pendingComma = nil
            if byte == UInt8(ascii: "\"") { inString = true }
        }
        if !inString { last = byte }
        output.append(byte)
    }
    return removed ? output : nil
}

private let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

/// `input` with every UTF-8 U+FEFF taken out; nil when there is none.
private func withoutByteOrderMarks(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    var output: [UInt8] = []
    output.reserveCapacity(input.count)
    var index = 0
    while index < input.count {
        if input[index] == 0xEF, index + 2 < input.count, input[index + 1] == 0xBB, input[index + 2] == 0xBF {
            index += 3
        } else {
            output.append(input[index])
            index += 1
        }
    }
    return output.count == input.count ? nil : output
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
        return other == double || abs(other - double) <= 1e-12 * abs(double) ? nil : "\(path): \(double) vs \(other)"
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

/// Why the two parsers disagree on `input`, or nil when they agree or differ only as the top of
/// this file allows.
private func disagreement(_ input: UnsafeBufferPointer<UInt8>) -> String? {
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

    let found: String
    switch (ours, theirs) {
    case (.success(let value), .success(let other)):
        guard let difference = difference(value, other, at: "$") else { return nil }
        found = "values differ for \(shown): \(difference)"
    case (.failure(let error), .success(let other)):
        switch error.kind {
        case .duplicateKey, .nestingTooDeep, .numberOutOfRange: return nil
        default:
            if looksLikeOtherEncoding(input) { return nil }
            if let stripped = withoutTrailingCommas(input) {
                return stripped.withUnsafeBufferPointer(disagreement)
            }
            found = "we refuse what Foundation accepts, \(shown): \(error) (Foundation: \(other))"
        }
    case (.success(let value), .failure(let error)):
        // Foundation's own depth limit is lower than ours.
        if depth(value) > 500 { return nil }
        found = "we accept what Foundation refuses, \(shown): \(value) (Foundation: \(error))"
    case (.failure, .failure):
        return nil
    }
    if let stripped = withoutByteOrderMarks(input) { return stripped.withUnsafeBufferPointer(disagreement) }
    return found
}

@_cdecl("LLVMFuzzerTestOneInput")
public func jsonFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let found = disagreement(UnsafeBufferPointer(start: data, count: size)) { fail(found) }
    return 0
}
