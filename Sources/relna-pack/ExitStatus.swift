import ArgumentParser

/// The exit codes DESIGN.md promises to scripts (sysexits.h values where one fits).
enum ExitStatus {
    /// The input (the user's agent or flags' values) was rejected; diagnostics were printed.
    static let rejected = ExitCode(1)
    static let usage = ExitCode(64)
    /// Bad data that is not the user's agent: a broken manifest or template.
    static let dataError = ExitCode(65)
    /// A required external program (gcloud, python3) is unavailable.
    static let unavailable = ExitCode(69)
    static let internalError = ExitCode(70)
    static let ioError = ExitCode(74)
}
