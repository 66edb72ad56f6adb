/// The diagnostic codes `template check` itself reports (besides the manifest's `manifest-*` codes and
/// the entry-point checker's codes for a starter agent). docs/templates.md explains each; a test keeps
/// the two in step.
public enum TemplateCheckCode: String, Sendable, CaseIterable {
    /// A skeleton file the manifest names does not exist.
    case skeletonMissing = "skeleton-missing"
    /// A template does not parse: bad syntax, an unknown filter or test, an unclosed block.
    case templateSyntax = "template-syntax"
    /// An `{% include %}` names a template that is not there.
    case includeMissing = "template-include-missing"
    /// An `{% include %}` names a path outside the template root.
    case includeOutsideRoot = "template-include-outside-root"
    /// A template reads a top-level name the render context does not have.
    case unknownVariable = "template-unknown-variable"
    /// A template reads `hyperparameters.NAME` for a name the manifest does not declare.
    case undeclaredHyperparameter = "template-undeclared-hyperparameter"
    /// A template reads `entry_points.NAME` for a name the manifest does not declare.
    case undeclaredEntryPoint = "template-undeclared-entry-point"
    /// Rendering with a starter agent failed (a missing key, a failing filter, a limit).
    case renderError = "template-render-error"
    /// Two renders of the same inputs gave different bytes.
    case notDeterministic = "template-not-deterministic"
    /// A framework has no starter agent at `starters/<framework>.py`.
    case starterMissing = "starter-missing"
    /// A generated or copied `.py` file is not valid Python (the inspector or CPython says where).
    case generatedPythonInvalid = "generated-python-invalid"
    /// Copied Python (a skeleton file, a starter) reads a hyperparameter the manifest does not declare.
    case pythonUndeclaredHyperparameter = "python-undeclared-hyperparameter"
    /// Package Python uses syntax newer than the job's Python (the framework's `python_version`).
    case pythonTooNew = "python-too-new"
    /// No Python interpreter was found, so generated files were not compiled (a note).
    case pythonUnavailable = "python-unavailable"
    /// A declared hyperparameter that no skeleton file reads (a warning).
    case unusedHyperparameter = "unused-hyperparameter"
    /// A declared entry point (or method) that no skeleton file calls (a warning).
    case uncalledEntryPoint = "uncalled-entry-point"
}
