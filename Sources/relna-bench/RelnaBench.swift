import ArgumentParser

@main
struct RelnaBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relna-bench",
        abstract: "Benchmarks against a named reference, measured in the same run.",
        subcommands: [
            ArenaBenchmark.self,
            BuildBenchmark.self,
            RankBenchmark.self,
            RefereeBenchmark.self,
            ScanBenchmark.self,
            TemplatesBenchmark.self,
            TrainersBenchmark.self,
        ]
    )
}
