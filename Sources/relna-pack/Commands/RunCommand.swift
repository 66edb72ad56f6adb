import ArgumentParser
import Foundation
import TrainerGen

/// `relna-pack run`: build the package, install it in a cached virtual environment, and train
/// locally. Parsing and printing only; the environment and process handling live in the LocalRun
/// target.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Build the trainer package and train it locally (like gcloud ai-platform local train).",
        discussion: """
            Builds the package as `build` does, installs it in a virtual environment cached under \
            $XDG_CACHE_HOME/relna-pack/venvs/<digest> (default ~/.cache/…; the digest covers the \
            Python version and the requirements, so later runs reuse it), then runs \
            `python -m trainer.task --env ID --job-dir DIR` with its output streamed live. Ctrl-C is \
            passed on to the trainer. The hyperparameter flags `explain` lists (--total-steps 5000) \
            are passed to the trainer; other arguments after `--` go to it as they are.

            When the agent raises or returns what the contract does not allow, the trainer names \
            the agent's file and line as given here, the entry point and what it expected; \
            --traceback adds the full Python traceback.

            --sandbox runs the agent's process under bubblewrap (for other people's code): no \
            network, no home folder, job dir or other runs, a read-only system, limits on CPU time \
            (from the budget), memory, processes and file size; the referee, outside, still decides \
            the result and writes the job dir (docs/integrity.md). Without bubblewrap, or where it \
            cannot create namespaces, --sandbox is a usage error.

            The environment is made by python3 from PATH, or, when RELNA_PYTHON names an interpreter, \
            by that one with --system-site-packages (its installed packages are then reused).

            Exit status: the trainer's own (128+N when signal N ended it); 1 the agent was rejected; \
            64 usage error; 65 a manifest or template is broken; 69 Python, venv or pip is \
            unavailable; 74 I/O error.

            Examples:
              relna-pack run agent.py --domain dqn
              relna-pack run agent.py --domain dqn --seed 1 --total-steps 5000
              relna-pack run agent.py --domain dqn --job-dir runs/try1 \\
                  -- --eval-episodes 50
              relna-pack run student.py --domain dqn --sandbox
            """)

    @OptionGroup var options: DomainOptions

    @Option(
        help: "Where the trainer writes metrics.json and progress.csv [default: runs/<domain>-<env>-<time>].")
    var jobDir: String?

    @Option(help: "Training seed passed to the trainer as --seed.")
    var seed: Int?

    @Flag(help: "Run the agent's process under bubblewrap: no network, home folder or job dir; limits.")
    var sandbox = false

    @Flag(help: "When the agent fails, also print the full Python traceback (passed to the trainer).")
    var traceback = false

    /// Everything the parser did not know: the domain's hyperparameter flags, then what follows `--`
    /// (one array: the parser allows only one; `TrainerFlagArguments` splits and checks it).
    @Argument(
        parsing: .allUnrecognized,
        help: "Hyperparameter flags (see explain), and extra trainer arguments after --.")
    var trainerArgs: [String] = []

    func validate() throws {
        if options.json { throw ValidationError("run streams the trainer's output; --json is not available") }
        if options.agent == "-" { throw ValidationError("run needs an agent file, not standard input") }
    }

    func run() throws {
        if sandbox, let problem = SandboxCheck.problem(environment: ProcessInfo.processInfo.environment) {
            fail(problem)
            throw ExitCode(.usage)
        }
        var sources: [String: String] = [:]
        let product: BuildProduct
        do throws(BuildFailure) {
            product = try BuildPipeline.build(try options.request(sources: &sources))
        } catch {
            throw CommandOutput.report(error, command: "run", json: false, sources: sources)
        }
        let flags: [String]
        do throws(TrainerFlagArguments.Unknown) {
            flags = try TrainerFlagArguments.split(
                trainerArgs, commandLine: Array(CommandLine.arguments.dropFirst()), manifest: product.manifest
            )
        } catch {
            fail(error.message)
            throw ExitCode(.usage)
        }
        CommandOutput.printDiagnostics(product.diagnostics, sources: sources)
        let environment = ProcessInfo.processInfo.environment
        let installation: LocalInstallation
        do {
            installation = try LocalTraining.install(
                product, base: try .fromEnvironment(environment),
                cacheRoot: VirtualEnvironment.cacheRoot(environment), progress: say)
        } catch {
            fail(error.description)
            if case .io = error { throw ExitCode(.ioError) }
            throw ExitCode(.unavailable)
        }

        defer { installation.remove() }
        let cwd = FileManager.default.currentDirectoryPath
        let directory =
            jobDir.map { $0.hasPrefix("/") || $0.hasPrefix("gs://") ? $0 : cwd + "/" + $0 }
            ?? LocalTraining.defaultJobDirectory(
                domain: product.domain, envId: product.env, now: Date(), base: cwd)
        if !directory.hasPrefix("gs://") {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                fail("cannot create the job dir \(directory): \(error.localizedDescription)")
                throw ExitCode(.ioError)
            }
        }
        let command = LocalTraining.trainerCommand(
            python: installation.environment.python, envId: product.env, jobDirectory: directory, seed: seed,
            sandbox: sandbox, settings: [],
            extraArgs: (traceback ? ["--traceback"] : []) + flags)
        say("training: \(SubmitPlan.shellLine(["python"] + command.dropFirst()))")
        var childEnvironment = installation.processEnvironment(environment)
        // The package does not hold the file's name; the trainer's errors name it as the student did.
        childEnvironment[LocalTraining.agentNameVariable] = options.agent
        let status: Int32
        do {
            status = try ChildProcess.runAttached(command, environment: childEnvironment)
        } catch {
            fail(error.description)
            throw ExitCode(.unavailable)
        }
        guard status == 0 else {
            fail("the trainer exited with status \(status); its job dir is \(directory)")
            throw ExitCode(status)
        }
        if let summary = LocalTraining.metricsSummary(jobDirectory: directory) {
            print(summary)
        } else {
            say("the trainer wrote no readable metrics.json in \(directory)")
        }
    }

    private func say(_ message: String) {
        CommandOutput.writeStderr("relna-pack run: " + message)
    }

    private func fail(_ message: String) {
        let style = TerminalStyle.forStream(fileDescriptor: 2)
        CommandOutput.writeStderr(style.bold("relna-pack run:") + " " + style.red("error:") + " " + message)
    }
}
