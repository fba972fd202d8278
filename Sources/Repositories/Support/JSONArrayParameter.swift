/// A JSON array of strings, bound as ONE parameter and expanded by `json_each` in SQL, so that
/// "rows for these keys" is a single statement whatever the number of keys.
func jsonArray(_ strings: some Sequence<String>) -> String {
    var json = "["
    var first = true
    for string in strings {
        if !first { json += "," }
        first = false
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
    return json + "]"
}
