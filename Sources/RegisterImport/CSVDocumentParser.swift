import CSV

/// A parser of one CSV layout. Each layout says only how to read a byte source; reading a file
/// held in memory (tests) and streaming one from disk (the command line) come with it, so the two
/// can never read a file differently.
public protocol CSVDocumentParser {
    associatedtype Result
    /// Parses a document from any byte source. Throws a `CSVError` when the file as a whole is
    /// unusable; problems of single rows are reported in the result instead.
    static func parse(_ source: inout some CSVByteSource) throws -> Result
}

extension CSVDocumentParser {
    /// Parses a document held in memory.
    public static func parse(_ bytes: [UInt8]) throws -> Result {
        var source = CSVChunkedBytes(bytes)
        return try parse(&source)
    }

    /// Parses the file at `path`, streaming it.
    public static func parse(contentsOfFile path: String) throws -> Result {
        var source = try CSVFileSource(path: path)
        return try parse(&source)
    }
}
