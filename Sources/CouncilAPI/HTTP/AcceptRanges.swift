/// The media ranges of an `Accept` header with their q-values (RFC 9110 section 12.5.1), lower
/// cased, in the order sent; a range with no q-value has 1. Shared by every negotiation so they all
/// read the header alike.
enum AcceptRanges {
    static func parse(_ accept: String) -> [(range: String, quality: Double)] {
        accept.split(separator: ",").compactMap { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: " \t").lowercased() }
            guard let range = parts.first else { return nil }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            return (range, quality)
        }
    }
}
