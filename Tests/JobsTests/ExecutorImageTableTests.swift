import Foundation
import TestSupport
import Testing

@testable import Jobs

/// The executor images are data: the table's rows, the choice by Python, and the expiry warning.
@Suite struct ExecutorImageTableTests {
    /// The table as the repository holds it (Build compiles this file in as `ExecutorImageTable.builtIn`).
    static let table: ExecutorImageTable = {
        let url = TestEnvironment.repositoryRoot.appendingPathComponent(
            "Templates/_shared/executor-images.yaml")
        do {
            return try ExecutorImageTable(yaml: String(contentsOf: url, encoding: .utf8))
        } catch {
            Issue.record("cannot read \(url.path): \(error)")
            return ExecutorImageTable(source: "", read: "", fallback: nil, frameworks: [:])
        }
    }()

    @Test func theBuiltInTableListsEveryBuiltInFrameworkWithItsSource() {
        for framework in ["numpy", "torch", "tensorflow"] {
            let images = Self.table.images(for: framework)
            #expect(!images.isEmpty, "\(framework)")
            for image in images {
                #expect(image.uri.hasPrefix("us-docker.pkg.dev/vertex-ai/training/"))
                #expect(image.uri.hasSuffix(":latest"))
                #expect(ExecutorImageTable.isDay(image.endOfAvailability))
                #expect(image.read == "2026-11-30")
                #expect(image.source.hasPrefix("https://docs.cloud.google.com/"))
            }
        }
        // A custom domain's framework gets the fallback's images.
        #expect(Self.table.images(for: "plain") == Self.table.images(for: "numpy"))
    }

    @Test func theNewestImageWhosePythonThePackageSupportsIsChosen() {
        #expect(
            Self.table.choose(framework: "numpy", requiresPython: "3.10")?.uri
                == "us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-6:latest")
        #expect(
            Self.table.choose(framework: "torch", requiresPython: "3.10")?.uri
                == "us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest")
        #expect(
            Self.table.choose(framework: "tensorflow", requiresPython: "3.8")?.uri
                == "us-docker.pkg.dev/vertex-ai/training/tf-cpu.2-17.py310:latest")
        // No image runs Python 3.12.
        #expect(Self.table.choose(framework: "numpy", requiresPython: "3.12") == nil)
        let table = try? ExecutorImageTable(
            yaml: """
                source: https://example.com/list
                read: "2026-01-02"
                frameworks:
                  numpy:
                    - {uri: old, python: "3.8", end_of_availability: "2027-01-01"}
                    - {uri: new, python: "3.11", end_of_availability: "2026-06-01", read: "2026-03-04"}
                """)
        #expect(table?.choose(framework: "numpy", requiresPython: "3.10")?.uri == "new")
        #expect(table?.choose(framework: "numpy", requiresPython: "3.8")?.uri == "old")
        #expect(table?.image(uri: "new")?.read == "2026-03-04")
        #expect(table?.image(uri: "old")?.source == "https://example.com/list")
    }

    @Test func expiredImagesGetAWarningThatNamesACurrentOneOrSaysThereIsNone() throws {
        let old = "us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest"
        let named = try #require(
            Self.table.expiryWarning(
                uri: old, framework: "numpy", requiresPython: "3.10", today: "2026-01-01"))
        #expect(named.contains("reached its end of availability on 2025-06-30"))
        #expect(named.contains("--image us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-6:latest"))
        let none = try #require(
            Self.table.expiryWarning(
                uri: old, framework: "numpy", requiresPython: "3.10", today: "2026-11-30"))
        #expect(none.contains("No image in relna-pack's table is current on 2026-11-30"))
        #expect(none.contains("read 2026-11-30 from https://"))
        let current = "us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-6:latest"
        #expect(
            Self.table.expiryWarning(
                uri: current, framework: "numpy", requiresPython: "3.10", today: "2026-07-11")
                == nil)
        // An image the table does not list (e.g. from --image) is the user's call.
        #expect(
            Self.table.expiryWarning(
                uri: "gcr.io/x/y:1", framework: "numpy", requiresPython: "3.10", today: "2099-01-01")
                == nil)
        #expect(ExecutorImageTable.day(Date(timeIntervalSince1970: 0)) == "1970-01-01")
        #expect(!ExecutorImageTable.isDay("2026-7-11"))
    }

    /// The arithmetic day agrees with Foundation's Gregorian calendar in UTC, across leap years,
    /// centuries, month ends and times just before midnight, and before 1970.
    @Test func dayMatchesFoundationsCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var seconds = -2_208_988_800.0  // 1900-01-01
        while seconds < 7_258_118_400 {  // 2200-01-01
            for offset in [0.0, 86_399.5] {
                let date = Date(timeIntervalSince1970: seconds + offset)
                let parts = calendar.dateComponents([.year, .month, .day], from: date)
                let expected = String(
                    format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
                #expect(ExecutorImageTable.day(date) == expected)
            }
            seconds += 86_400 * 13 + 3_607
        }
    }

    @Test func jobReferencesAreIdsOrFullNames() throws {
        let full = try CloudJobReference(
            "projects/p/locations/europe-west4/customJobs/42", region: "x", project: "q")
        #expect(
            full.command("describe") == [
                "ai", "custom-jobs", "describe", "projects/p/locations/europe-west4/customJobs/42",
            ])
        let id = try CloudJobReference("42", region: "asia-east1", project: "q")
        #expect(
            id.command("cancel") == [
                "ai", "custom-jobs", "cancel", "42", "--region=asia-east1", "--project=q",
            ])
        let tuning = try CloudJobReference(fullName: "projects/1/locations/r/hyperparameterTuningJobs/7")
        #expect(tuning.command("describe").prefix(2) == ["ai", "hp-tuning-jobs"])
        for bad in ["", "--flag", "projects/p/customJobs/1", "projects/p/locations/r/models/1", "a b"] {
            #expect(throws: GCloudError.badJobName(bad)) {
                try CloudJobReference(bad, region: "r", project: nil)
            }
        }
        #expect(throws: GCloudError.badJobName("42")) { try CloudJobReference(fullName: "42") }
    }

    @Test func onlyQuotaAnswersAreRetried() {
        #expect(GCloud.isQuota("ERROR: (gcloud.ai.custom-jobs.create) RESOURCE_EXHAUSTED: Quota exceeded"))
        #expect(GCloud.isQuota("ERROR: (gcloud.ai.custom-jobs.create) HttpError 429 Too Many Requests"))
        #expect(GCloud.isQuota("status [429]"))
        #expect(!GCloud.isQuota("NOT_FOUND: customJobs/4290000 does not exist"))
        #expect(!GCloud.isQuota("PERMISSION_DENIED"))
    }

    @Test func bucketPathsThatCouldLeaveTheFolderAreRefused() {
        #expect(BucketResults.safeRelative("run/metrics.json") == "run/metrics.json")
        for bad in ["../x", "a/../b", "a//b", "./a", ""] { #expect(BucketResults.safeRelative(bad) == nil) }
        #expect(BucketResults.parent("a/b/metrics.json") == "a/b")
        #expect(BucketResults.parent("metrics.json") == "")
        #expect(
            BucketResults.cacheFolder(for: "gs://b/relna/../jobs/", environment: ["XDG_CACHE_HOME": "/c"])
                .path
                == "/c/relna-pack/gcs/b/relna/jobs")
    }
}
