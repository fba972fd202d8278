/// A JSON array of strings, bound as ONE parameter and expanded by the dialect's
/// `jsonTextArrayElements` in SQL, so that "rows for these keys" is a single statement whatever
/// the number of keys.
func jsonArray(_ strings: some Sequence<String>) -> String {
    var json = "["
    var first = true
    for string in strings {
        if !first { json += "," }
        first = false
        appendJSONString(string, to: &json)
    }
    return json + "]"
}

/// Appends `string` as a JSON string literal (quotes, backslashes and control characters escaped).
func appendJSONString(_ string: String, to json: inout String) {
    json += "\""
    for scalar in string.unicodeScalars {
        switch scalar {
        case "\"": json += "\\\""
        case "\\": json += "\\\\"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: json.unicodeScalars.append(scalar)
        }
    }
    json += "\""
}
