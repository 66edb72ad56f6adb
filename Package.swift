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
        // Pure Swift helpers every module shares: one of each (diagnostics and exit statuses, edit
        // distance, located JSON reading and writing, atomic files, Python's keywords, child processes).
        .target(name: "RelnaCore"),
        // One SHA-256 for every module that names content by its digest.
        .target(name: "RelnaDigest", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "TemplateEngine", dependencies: ["RelnaCore"]),
        // Build-time generator that embeds Templates/ into Build (the built-in domains).
        .executableTarget(name: "relna-embed", dependencies: ["RelnaCore"]),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["relna-embed"]),
        // TrainerGen's modules, each depending only on modules above it (docs/architecture.md).
        .target(name: "RelnaYAML", dependencies: ["CYAML", "RelnaCore"]),
        .target(name: "PythonInspector", dependencies: ["RelnaCore"]),
        .target(name: "Manifest", dependencies: ["RelnaYAML", "PythonInspector", "RelnaCore"]),
        .target(
            name: "Packaging",
            dependencies: [
                "Manifest", "TemplateEngine", "RelnaCore", "RelnaDigest", "CArchive", "CZlib",
            ]),
        .target(
            name: "Jobs",
            dependencies: [
                "Manifest", "RelnaYAML", "RelnaCore", "RelnaDigest",
            ]),
        .target(
            name: "Build",
            dependencies: [
                "Manifest", "PythonInspector", "Packaging", "Jobs", "TemplateEngine", "RelnaCore",
                "RelnaDigest",
            ],
            plugins: ["EmbedTemplates"]),
        .target(
            name: "LocalRun",
            dependencies: ["Build", "Jobs", "RelnaCore", "RelnaDigest"]),
        .target(
            name: "Ranking", dependencies: ["RelnaCore", "RelnaDigest"]),
        .target(
            name: "Authoring",
            dependencies: [
                "Build", "Manifest", "PythonInspector", "RelnaYAML", "TemplateEngine", "RelnaCore",
            ]),
        // A cohort's submissions checked, built, trained on the same seeds and ranked (`arena`).
        .target(
            name: "Arena",
            dependencies: [
                "Build", "Jobs", "LocalRun", "Manifest", "Ranking", "RelnaCore", "RelnaDigest", "RelnaYAML",
            ]),
        // The umbrella: `import TrainerGen` re-exports all of the above.
        .target(
            name: "TrainerGen",
            dependencies: [
                "Arena", "Authoring", "Build", "Jobs", "LocalRun", "Manifest", "Packaging", "PythonInspector",
                "Ranking", "RelnaCore", "RelnaDigest", "RelnaYAML",
            ]),
        .executableTarget(
            name: "relna-pack",
            dependencies: [
                "RelnaCore", "TrainerGen", "TemplateEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A release relna-pack links the Swift runtime and Foundation statically (as
            // `--static-swift-stdlib` does): the dynamic loader's symbol binding was about a fifth of a
            // whole `relna-pack build` (issue 11's benchmark), and the binary runs without a toolchain.
            // Only this executable: the library products stay free of unsafe flags.
            swiftSettings: [
                .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))
            ],
            linkerSettings: [
                .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))
            ]
        ),
        .executableTarget(
            name: "relna-bench",
            dependencies: [
                "RelnaCore", "TrainerGen", "TemplateEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // One runner, one reference-Python finder and the repository root for every suite.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "RelnaCoreTests", dependencies: ["RelnaCore"]),
        .testTarget(name: "TemplateEngineTests", dependencies: ["TemplateEngine", "TestSupport"]),
        .testTarget(name: "RelnaYAMLTests", dependencies: ["RelnaYAML"]),
        .testTarget(
            name: "PythonInspectorTests", dependencies: ["PythonInspector", "RelnaCore", "TestSupport"]),
        .testTarget(name: "ManifestTests", dependencies: ["Manifest", "RelnaCore", "TestSupport"]),
        .testTarget(name: "PackagingTests", dependencies: ["Packaging", "TestSupport"]),
        .testTarget(
            name: "JobsTests", dependencies: ["Jobs", "Manifest", "RelnaYAML", "RelnaCore", "TestSupport"]),
        .testTarget(
            name: "BuildTests",
            dependencies: ["Build", "Manifest", "Packaging", "RelnaDigest", "TemplateEngine", "TestSupport"]),
        .testTarget(name: "LocalRunTests", dependencies: ["LocalRun", "Jobs", "RelnaCore", "TestSupport"]),
        .testTarget(name: "RankingTests", dependencies: ["Ranking", "RelnaCore", "TestSupport"]),
        .testTarget(name: "ArenaTests", dependencies: ["Arena", "Build", "RelnaCore", "TestSupport"]),
        .testTarget(
            name: "AuthoringTests",
            dependencies: [
                "Authoring", "Build", "Manifest", "Packaging", "PythonInspector", "TemplateEngine",
                "RelnaCore", "TestSupport",
            ]),
        // The umbrella as a service sees it: the README's library example, compiled and run.
        .testTarget(name: "TrainerGenTests", dependencies: ["TrainerGen", "TestSupport"]),
        // Depends on the executable so `swift test` builds the binary its CLI tests run.
        .testTarget(
            name: "RelnaPackTests",
            dependencies: [
                "TrainerGen", "TestSupport", "relna-pack",
                // BuildFastPathTests holds the fast path against ArgumentParser's own reading.
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ]
)
