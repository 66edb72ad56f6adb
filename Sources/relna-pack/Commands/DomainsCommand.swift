import ArgumentParser
import Foundation
import TrainerGen

struct DomainsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domains",
        abstract: "List the domains: title, template version, and where each was found.",
        discussion: """
            Domains come from --templates DIR first, then each folder of RELNA_TEMPLATES \
            (colon-separated), then the templates built into relna-pack; the first folder that has a \
            domain wins, and the others are listed as overridden.

            Examples:
              relna-pack domains
              RELNA_TEMPLATES=my-templates relna-pack domains --json
            """)

    @Flag(help: "Print the list as one JSON document on standard output.")
    var json = false

    @Option(help: ArgumentHelp("A folder of extra domains, searched first.", valueName: "dir"))
    var templates: String?

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let searchPath: TemplateSearchPath
        do {
            searchPath = try DomainFlags.searchPath(templates: templates)
        } catch {
            throw CommandOutput.report(error, command: "domains", json: false)
        }
        let listing = DomainListing(
            searchPath: searchPath,
            templatesOption: templates,
            workingDirectory: cwd)
        print(json ? listing.jsonText : listing.text, terminator: json ? "\n" : "")
    }
}
