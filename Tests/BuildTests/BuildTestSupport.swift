import Foundation
import TestSupport
import Testing

@testable import Build

/// Paths and helpers for the manifest, packaging and build suites.
enum BuildFixtures {
    static let root: URL = TestEnvironment.repositoryRoot

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relative)))
    }

    /// The search path of the test domains (Fixtures/domains) before the built-in ones.
    static var searchPath: TemplateSearchPath {
        TemplateSearchPath(roots: [.directory(url("Fixtures/domains")), .builtIn])
    }

    static var python: String { TestEnvironment.python }

    /// A fresh temporary folder unique to the caller.
    static func temporaryFolder() throws -> URL { try TestEnvironment.scratchFolder("build-tests") }
}
