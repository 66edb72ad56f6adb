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
                FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
                throw ExitStatus.usage
            case .badManifest:
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitStatus.dataError
            }
        }
    }
}
