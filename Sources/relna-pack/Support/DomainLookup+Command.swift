import ArgumentParser
import Foundation
import TrainerGen

extension DomainLookup {
    /// The domain a command names, or the exit status with the problem already printed: an unknown
    /// domain is a usage error (64), a broken manifest bad data (65).
    static func forCommand(domain: String, templates: String?) throws(ExitCode) -> DomainLookup {
        do {
            return try DomainLookup(domain: domain, templatesOption: templates)
        } catch {
            switch error {
            case .unknownDomain:
                // Printed without the root command's usage line, which would not help here.
                CommandOutput.writeStderr("error: \(error.description)")
                throw ExitStatus.usage
            case .badManifest:
                CommandOutput.writeStderr(error.description + "\n")
                throw ExitStatus.dataError
            }
        }
    }
}
