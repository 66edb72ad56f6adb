// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "relna-pack",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RelnaCore", targets: ["RelnaCore"]),
        .library(name: "TemplateEngine", targets: ["TemplateEngine"]),
        .library(name: "TrainerGen", targets: ["TrainerGen"]),
        .executable(name: "relna-pack", targets: ["relna-pack"]),
        .executable(name: "relna-bench", targets: ["relna-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CArchive", pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"]), .brew(["libarchive"])]),
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // Pure Swift helpers that TemplateEngine and TrainerGen share: one of each (edit distance,
        // located JSON reading and writing, atomic files, Python's keywords).
        .target(name: "RelnaCore"),
        .target(name: "TemplateEngine", dependencies: ["RelnaCore"]),
        // Build-time generator that embeds Templates/ into TrainerGen (the built-in domains).
        .executableTarget(name: "relna-embed", dependencies: ["RelnaCore"]),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["relna-embed"]),
        .target(
            name: "TrainerGen",
            dependencies: [
                "RelnaCore", "TemplateEngine", "CArchive", "CYAML", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedTemplates"]),
        .executableTarget(
            name: "relna-pack",
            dependencies: [
                "RelnaCore", "TrainerGen", "TemplateEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "relna-bench",
            dependencies: [
                "RelnaCore", "TrainerGen", "TemplateEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "RelnaCoreTests", dependencies: ["RelnaCore"]),
        .testTarget(name: "TemplateEngineTests", dependencies: ["TemplateEngine"]),
        .testTarget(name: "TrainerGenTests", dependencies: ["RelnaCore", "TrainerGen", "TemplateEngine"]),
        // Depends on the executable so `swift test` builds the binary its CLI tests run.
        .testTarget(name: "RelnaPackTests", dependencies: ["RelnaCore", "TrainerGen", "relna-pack"]),
    ]
)
