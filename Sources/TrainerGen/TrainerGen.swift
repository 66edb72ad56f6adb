// The umbrella: `import TrainerGen` gives a service the whole library, target by target
// (docs/architecture.md draws the graph).
@_exported import Arena
@_exported import Authoring
@_exported import Build
@_exported import Jobs
@_exported import LocalRun
@_exported import Manifest
@_exported import Packaging
@_exported import PythonInspector
@_exported import Ranking
@_exported import RelnaCore
@_exported import RelnaDigest
@_exported import RelnaYAML
