import SQLCore

/// Statement parameters as libpq takes them: one C string (or bytes) per value, NULL as a nil
/// pointer, sent apart from the SQL text.
///
/// Every value goes in text format with its type left for the server to infer from where it
/// is used (as a literal would be), so one SQL text works for both engines: `'2024-04-01'` meets
/// a date column as a date, `1` meets a boolean as true. Bytes go in binary format, exactly as
/// they are. All values share one buffer, so a statement costs one allocation for its arguments.
struct PGParameters {
    private var buffer: [UInt8] = []
    private var offsets: [Int?] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []

    var count: Int { offsets.count }

    init(_ values: [SQLValue], sql: String) throws {
        for value in values {
            switch value {
            case .null:
                offsets.append(nil)
                lengths.append(0)
                formats.append(0)
            case .integer(let number):
                appendText(String(number))
            case .real(let number):
                appendText(
                    number.isNaN ? "NaN" : number.isInfinite ? (number < 0 ? "-Infinity" : "Infinity") : "\(number)")
            case .text(let text):
                guard !text.utf8.contains(0) else {
                    throw PGError(
                        sqlState: "22021", message: "text with a NUL character cannot be stored in PostgreSQL", sql: sql
                    )
                }
                appendText(text)
            case .blob(let bytes):
                offsets.append(buffer.count)
                buffer.append(contentsOf: bytes)
                buffer.append(0)
                lengths.append(Int32(bytes.count))
                formats.append(1)
            }
        }
    }

    private mutating func appendText(_ text: String) {
        offsets.append(buffer.count)
        buffer.append(contentsOf: text.utf8)
        buffer.append(0)
        lengths.append(0)
        formats.append(0)
    }

    /// Calls `body` with the arrays `PQexecPrepared` takes; the pointers are valid only inside.
    func withPointers<T>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> T
    ) -> T {
        buffer.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in offset.flatMap { base?.advanced(by: $0) } }
            return pointers.withUnsafeBufferPointer { pointerBuffer in
                lengths.withUnsafeBufferPointer { lengthBuffer in
                    formats.withUnsafeBufferPointer { formatBuffer in
                        body(pointerBuffer.baseAddress, lengthBuffer.baseAddress, formatBuffer.baseAddress)
                    }
                }
            }
        }
    }
}
