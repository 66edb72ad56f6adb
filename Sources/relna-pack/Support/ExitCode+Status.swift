import ArgumentParser
import TrainerGen

extension ExitCode {
    /// The argument parser's exit for one of the library's exit statuses (the one table).
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
