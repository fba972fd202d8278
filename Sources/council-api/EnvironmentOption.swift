import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// Settings come from a flag, else an environment variable, else a default: flags win so a
/// one-off run can override a container's environment. A malformed environment value stops the
/// start with a message naming the variable, instead of being silently replaced by the default.
enum EnvironmentOption {
    static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        let value = String(cString: raw)
        return value.isEmpty ? nil : value
    }

    static func string(flag: String?, env: String, default defaultValue: String) -> String {
        flag ?? value(env) ?? defaultValue
    }

    static func int(flag: Int?, env: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        let resolved: Int
        if let flag {
            resolved = flag
        } else if let text = value(env) {
            guard let parsed = Int(text) else {
                throw ValidationError("environment variable \(env)=\(text) is not a whole number")
            }
            resolved = parsed
        } else {
            resolved = defaultValue
        }
        guard range.contains(resolved) else {
            throw ValidationError(
                "--\(env.lowercased().replacingUnderscores) (\(env)) must be from \(range.lowerBound) to \(range.upperBound), got \(resolved)"
            )
        }
        return resolved
    }

    static func seconds(flag: Double?, env: String, default defaultValue: Double) throws -> Double {
        let resolved: Double
        if let flag {
            resolved = flag
        } else if let text = value(env) {
            guard let parsed = Double(text) else {
                throw ValidationError("environment variable \(env)=\(text) is not a number of seconds")
            }
            resolved = parsed
        } else {
            resolved = defaultValue
        }
        guard resolved > 0, resolved <= 86_400, resolved.isFinite else {
            throw ValidationError(
                "--\(env.lowercased().replacingUnderscores) (\(env)) must be a number of seconds above 0, got \(resolved)"
            )
        }
        return resolved
    }

    /// An on/off setting: on when the flag is given, else as the variable says (`1`, `true`, `yes`,
    /// `on` or `0`, `false`, `no`, `off`, in any case), else off.
    static func `switch`(flag: Bool, env: String) throws -> Bool {
        if flag { return true }
        guard let text = value(env) else { return false }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ValidationError("environment variable \(env)=\(text) must be 1 or 0 (true or false)")
        }
    }

    /// A list from repeatable flags, else a comma-separated environment variable.
    static func list(flags: [String], env: String) -> [String] {
        if !flags.isEmpty { return flags }
        return (value(env) ?? "").split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }
}

extension String {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
