import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// Counts every request by route template and status and times it. Sits outermost so that it sees
/// the final status, including problems thrown by inner middleware.
struct MetricsMiddleware: HTTPMiddleware {
    let registry: MetricsRegistry
    let counters: OperationCounters

    func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        let start = Self.now()
        let route = request.route ?? "unmatched"
        do {
            let response = try next(request)
            if response.headers["Idempotent-Replayed"] == "true" { counters.countReplay() }
            registry.record(
                method: request.method.rawValue, route: route, status: response.status.code, seconds: Self.now() - start
            )
            return response
        } catch let error as HTTPError {
            registry.record(
                method: request.method.rawValue, route: route, status: error.status.code, seconds: Self.now() - start)
            throw error
        } catch {
            registry.record(method: request.method.rawValue, route: route, status: 500, seconds: Self.now() - start)
            throw error
        }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
