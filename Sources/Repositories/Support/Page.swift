/// Where a page of a list starts: the sort-key values of the last row of the previous page.
///
/// Keyset pagination rather than OFFSET: the next page is "rows after this key", so it stays
/// correct (no row skipped or shown twice) while rows are inserted between fetches, and costs an
/// index seek instead of scanning past every earlier row. The values are opaque to callers; the
/// API encodes them into a cursor and hands them back unchanged. Each list validates the key it
/// receives, so a tampered or foreign cursor is a `RepositoryError.invalidPageKey`, not a crash
/// or a silently wrong page.
public struct PageKey: Hashable, Sendable {
    public let values: [String]

    public init(_ values: [String]) {
        self.values = values
    }
}

/// How many rows to return, and after which key.
public struct PageRequest: Hashable, Sendable {
    /// The most rows one page may hold, whatever the caller asks for: a page is built in memory.
    public static let maximumLimit = 1000

    /// Between 1 and `maximumLimit`; out-of-range requests are clamped rather than refused,
    /// since the API validates the client's number before it gets here.
    public let limit: Int
    public let after: PageKey?

    public init(limit: Int, after: PageKey? = nil) {
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.after = after
    }

    /// The first page.
    public static func first(_ limit: Int) -> PageRequest { PageRequest(limit: limit) }
}

/// One page of a list, with the key to ask for the next one (nil on the last page).
public struct Page<Item> {
    public var items: [Item]
    public var next: PageKey?

    public init(items: [Item], next: PageKey?) {
        self.items = items
        self.next = next
    }
}

extension Page: Sendable where Item: Sendable {}
extension Page: Equatable where Item: Equatable {}
extension Page: Hashable where Item: Hashable {}

extension Page {
    /// Builds a page from up to `limit + 1` fetched rows: the extra row only proves there is more.
    static func trimming(_ rows: [Item], to limit: Int, key: (Item) -> PageKey) -> Page {
        guard rows.count > limit else { return Page(items: rows, next: nil) }
        let items = Array(rows.prefix(limit))
        return Page(items: items, next: items.last.map(key))
    }
}
