// Writes the RFC 8259 conformance corpus of JSONTests as one file per document, named as in the
// corpus (y_…, n_…, i_…, plus .json), to seed the JSON differential fuzzer. Compiled by
// scripts/fuzz-json.sh together with Tests/JSONTests/Corpus/*.swift.
// Usage: json-seed-writer DIRECTORY

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    fputs("usage: json-seed-writer DIRECTORY\n", stderr)
    exit(2)
}
var written = 0
for document in JSONConformanceCorpus.all {
    let path = arguments[1] + "/" + document.name + ".json"
    guard let file = fopen(path, "wb") else {
        fputs("json-seed-writer: cannot write \(path)\n", stderr)
        exit(1)
    }
    let count = document.bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
    guard count == document.bytes.count else {
        fputs("json-seed-writer: cannot write \(path)\n", stderr)
        exit(1)
    }
    written += 1
}
print("wrote \(written) seeds to \(arguments[1])")
