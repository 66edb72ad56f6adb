import Foundation
import RelnaCore

/// Brings trainer results from Cloud Storage to a local folder that `rank` reads: every folder under
/// a `gs://` prefix that holds a `metrics.json` is a run; its `metrics.json`, `progress.csv` and
/// (for `jobs fetch`) `model/` are copied, keeping their paths below the prefix.
public enum BucketResults {
    public struct Fetched: Sendable, Hashable {
        /// Local run folders, sorted.
        public var runs: [String]
        public var files: Int
    }

    /// Lists `prefix` (`gcloud storage ls --json 'PREFIX**'`; ls takes `--json`, not `--format=json`)
    /// and copies what each run needs into `folder`, one `gcloud storage cp` per destination folder.
    public static func download(
        _ prefix: String, into folder: URL, includeModel: Bool, gcloud: GCloud
    ) throws(GCloudError) -> Fetched {
        let base = prefix.hasSuffix("/") ? prefix : prefix + "/"
        let command = ["storage", "ls", "--json", base + "**"]
        let listing: LocatedJSON?
        do {
            listing = try gcloud.parse(command)
        } catch {
            switch error {
            case .failed(_, _, let message):
                // gcloud exits 1 with "matched no objects" when the folder is not there at all.
                throw .noResults(uri: base, detail: message)
            default: throw error
            }
        }
        var items: [LocatedJSON] = []
        if let listing {
            guard case .array(let all) = listing.value else {
                throw .malformed(
                    command: command, message: "expected a JSON array, found \(listing.kindName)")
            }
            items = all
        }
        var objects: [String] = []
        for item in items {
            guard let url = item["url"]?.string else {
                throw .malformed(
                    command: command, message: "\(item.line):\(item.column): an item without `url`")
            }
            if let type = item["type"]?.string, type != "cloud_object" { continue }
            if url.hasPrefix(base), let relative = safeRelative(String(url.dropFirst(base.count))) {
                objects.append(relative)
            }
        }
        let runDirs = Set(
            objects.filter { $0 == "metrics.json" || $0.hasSuffix("/metrics.json") }.map(parent))
        guard !runDirs.isEmpty else {
            throw .noResults(
                uri: base,
                detail: objects.isEmpty
                    ? "the folder is empty or missing" : "\(objects.count) objects, none a metrics.json")
        }
        let wanted = objects.filter { path in
            let dir = parent(path)
            let name = String(path.dropFirst(dir.isEmpty ? 0 : dir.count + 1))
            if runDirs.contains(dir), name == "metrics.json" || name == "progress.csv" { return true }
            // The model folder of a run: `<run>/model/…`.
            return includeModel
                && runDirs.contains { run in path.hasPrefix(run.isEmpty ? "model/" : run + "/model/") }
        }
        let byFolder = Dictionary(grouping: wanted, by: parent)
        for (dir, paths) in byFolder.sorted(by: { $0.key < $1.key }) {
            let target = dir.isEmpty ? folder : folder.appendingPathComponent(dir)
            do {
                try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(target.path, error.localizedDescription)
            }
            try gcloud.run(["storage", "cp"] + paths.sorted().map { base + $0 } + [target.path + "/"])
        }
        let runs = runDirs.map { $0.isEmpty ? folder.path : folder.appendingPathComponent($0).path }.sorted()
        return Fetched(runs: runs, files: wanted.count)
    }

    /// A finished job's results, from its output folder (`describe`'s baseOutputDirectory, the parent
    /// of AIP_MODEL_DIR), into `folder/<job dir name>/`, models included (`jobs fetch`, `submit --wait`).
    public static func fetch(_ job: CloudJobStatus, into folder: String, gcloud: GCloud) throws(GCloudError)
        -> Fetched
    {
        guard let prefix = job.outputDirectory else {
            throw .noResults(uri: job.name, detail: "the job has no baseOutputDirectory")
        }
        let name = prefix.split(separator: "/").last.map(String.init) ?? job.displayName
        let target = URL(fileURLWithPath: folder).appendingPathComponent(name)
        return try download(prefix, into: target, includeModel: true, gcloud: gcloud)
    }

    /// `a/b/metrics.json` → `a/b`; `metrics.json` → ``.
    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// nil for a path that could leave the destination (`..`, `.`, empty segments).
    static func safeRelative(_ path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            return nil
        }
        return path
    }

    /// Where `rank gs://B/P/` caches what it fetched: `$XDG_CACHE_HOME/relna-pack/gcs/B/P`
    /// (default `~/.cache/…`).
    public static func cacheFolder(for uri: String, environment: [String: String]) -> URL {
        let cache =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSTemporaryDirectory()).appendingPathComponent(
                ".cache")
        let path = String(uri.dropFirst("gs://".count)).split(separator: "/").filter {
            $0 != "." && $0 != ".."
        }
        return path.reduce(cache.appendingPathComponent("relna-pack/gcs")) {
            $0.appendingPathComponent(String($1))
        }
    }
}
