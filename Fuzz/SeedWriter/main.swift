// Writes the malformed and well-formed corpora of HTTPServerTests as one file per request, to
// seed the parser fuzzer from the same bytes the live-server tests send. Compiled by
// scripts/fuzz-parser.sh together with Tests/HTTPServerTests/Corpus/*.swift.
// Usage: seed-writer DIRECTORY

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file name from a case name: lowercase letters and digits, everything else a dash.
func fileName(_ prefix: String, _ name: String) -> String {
    let safe = name.lowercased().unicodeScalars.map { scalar -> Character in
        (scalar.properties.isASCIIHexDigit || ("g"..."z").contains(scalar)) ? Character(scalar) : "-"
    }
    return prefix + "-" + String(safe)
}

func write(_ bytes: [UInt8], to path: String) -> Bool {
    guard let file = fopen(path, "wb") else { return false }
    defer { fclose(file) }
    return bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) } == bytes.count
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    fputs("usage: seed-writer DIRECTORY\n", stderr)
    exit(2)
}
let directory = arguments[1]
var written = 0
let seeds =
    MalformedCorpus.all.map { (fileName("bad", $0.name), $0.bytes) }
    + WellFormedCorpus.all.map { (fileName("good", $0.name), $0.bytes) }
for (name, bytes) in seeds {
    guard write(bytes, to: directory + "/" + name) else {
        fputs("seed-writer: cannot write \(directory)/\(name)\n", stderr)
        exit(1)
    }
    written += 1
}
print("wrote \(written) seeds to \(directory)")
