import Foundation
import HTTPServer

extension HTTPRequest {
    /// The whole body as bytes, reading it back from disk when the server spooled it.
    ///
    /// Write bodies are small (the server's body limit applies to them), so holding one in memory
    /// is fine; bulk uploads do not come through here.
    func bodyBytes() throws -> [UInt8] {
        switch body {
        case .empty:
            return []
        case .bytes(let bytes):
            return bytes
        case .file(let file):
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw SpooledBodyUnreadable(path: file.path)
            }
            return [UInt8](data)
        }
    }
}

/// The spooled body file vanished or could not be read: a server fault, answered 500 and logged.
struct SpooledBodyUnreadable: Error, CustomStringConvertible {
    let path: String
    var description: String { "the spooled request body \(path) could not be read" }
}
