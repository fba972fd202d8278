import HTTPServer
import JSON
import Repositories

/// `GET`, `PUT` and `DELETE` of one record at its own URL, the same for every kind of record
/// (`RecordResource`).
///
/// GET answers with the record's strong content `ETag`. PUT creates (201, with `Location`) or
/// replaces (200) the record the path names, and DELETE removes it (204); both honour `If-Match`
/// and `If-None-Match` (`WritePreconditions`) against the record as their own transaction sees
/// it, so a correction based on a stale read fails with 412 instead of undoing another writer's.
struct RecordResourceRoutes<Resource: RecordResource> {
    let resource: Resource

    func show(_ request: HTTPRequest, _ context: RouteContext) throws -> HTTPResponse {
        try QueryReader(request, allowed: []).validate()
        let key = try resource.key(request, context)
        guard let record = try resource.fetch(key, from: context.store) else { throw notFound(key) }
        return .record(resource.json(record))
    }

    func put(_ request: HTTPRequest, _ routes: IngestionRoutes) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let key = try resource.key(request, routes.context)
            var object = try JSONBody.object(request)
            // Null is absent, as for every optional member of an input.
            for member in resource.pathMembers(key) where object[member.name] ?? .null == .null {
                object[member.name] = member.value
            }
            let record = try WriteAnswer.validated { try resource.decode(object, for: key, in: routes.inputContext) }
            try requireKey(key, of: record)
            let preconditions = WritePreconditions(request.headers)
            return try scope.commit { transaction in
                try preconditions.check(resource.json) { try resource.fetch(key, in: transaction) }
                return resource.stored(record, try resource.upsert(record, in: transaction))
            }
        }
    }

    /// 404 when there is no such record, whatever the preconditions (RFC 9110 section 13.2.1:
    /// they are ignored when the answer without them would not be 2xx).
    func delete(_ request: HTTPRequest, _ routes: IngestionRoutes) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let key = try resource.key(request, routes.context)
            let preconditions = WritePreconditions(request.headers)
            return try scope.commit { transaction in
                guard let current = try resource.fetch(key, in: transaction) else { throw notFound(key) }
                try preconditions.check(resource.json) { current }
                try resource.delete(key, in: transaction)
                return HTTPResponse(status: .noContent)
            }
        }
    }

    private func notFound(_ key: Resource.Key) -> HTTPError {
        RecordResourceKey.notFound(Resource.noun, resource.missing(key))
    }

    /// A body that names another record than the path is a 422 on each member that differs: a
    /// PUT to one URL must never write a record that lives at another.
    private func requireKey(_ key: Resource.Key, of record: Resource.Record) throws {
        let named = resource.key(of: record)
        guard named != key else { return }
        let expected = resource.pathMembers(key)
        let given = Dictionary(resource.pathMembers(named).map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        let faults = expected.compactMap { member -> FieldError? in
            guard let value = given[member.name], value != member.value else { return nil }
            return FieldError(
                field: member.name,
                message: "must be \(Self.text(member.value)), as in the path, or be left out; not \(Self.text(value))")
        }
        throw InputErrors(
            faults.isEmpty ? [FieldError(field: "body", message: "names another record than the path")] : faults
        ).problem
    }

    private static func text(_ value: JSONValue) -> String {
        value.stringValue ?? String(decoding: value.serialized(), as: UTF8.self)
    }
}
