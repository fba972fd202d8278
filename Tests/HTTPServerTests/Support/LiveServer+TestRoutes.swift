import HTTPServer
import HTTPTestSupport

extension LiveServer {
    /// The shared live server with this target's defaults: the test routes and a recognisable
    /// `Server` name, so tests can tell the server's own headers from a handler's.
    convenience init(
        router: Router = TestRoutes.router(), configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        try self.init(responder: router) { configuration in
            configuration.serverName = "TestServer"
            configure(&configuration)
        }
    }
}
