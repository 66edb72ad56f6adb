"""Compiles a pipeline.py that relna-pack wrote with the real Kubeflow Pipelines compiler.

Run with the kfp environment's Python (.venv-kfp, made by scripts/setup --python):
    kfp_oracle.py PIPELINE.py OUT_DIR
It runs the file as its header says (`python pipeline.py OUT.yaml`), compiles it again through
`kfp dsl compile`, and prints one JSON object read from the compiled YAML: the pipeline's name and
display name, the ParallelFor's parallelism and the inputs it gives CustomTrainingJobOp, the runs
(the `runs` parameter's default) and the op's image. The Swift tests hold it against what they wrote.
"""
import json
import pathlib
import subprocess
import sys

import yaml


def main() -> None:
    pipeline, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    by_main, by_cli = out / "pipeline.yaml", out / "pipeline-cli.yaml"
    subprocess.run([sys.executable, str(pipeline), str(by_main)], check=True, stdout=sys.stderr)
    kfp = pathlib.Path(sys.executable).parent / "kfp"
    subprocess.run([str(kfp), "dsl", "compile", "--py", str(pipeline), "--output", str(by_cli)], check=True,
                   stdout=sys.stderr)
    spec = yaml.safe_load(by_main.read_text(encoding="utf-8"))
    if spec != yaml.safe_load(by_cli.read_text(encoding="utf-8")):
        sys.exit("kfp dsl compile and the file's own compile differ")
    loop = spec["root"]["dag"]["tasks"]["for-loop-1"]
    task = spec["components"]["comp-for-loop-1"]["dag"]["tasks"]["custom-training-job"]
    inputs = task["inputs"]["parameters"]
    container = spec["deploymentSpec"]["executors"]["exec-custom-training-job"]["container"]
    print(json.dumps({
        "name": spec["pipelineInfo"]["name"],
        "display_name": spec["pipelineInfo"]["displayName"],
        "pipeline_root": spec.get("defaultPipelineRoot"),
        "parallelism": loop.get("iteratorPolicy", {}).get("parallelismLimit"),
        "selectors": {key: value["parameterExpressionSelector"] for key, value in inputs.items()
                      if "parameterExpressionSelector" in value},
        "constants": {key: value["runtimeValue"]["constant"] for key, value in inputs.items() if "runtimeValue" in value},
        "runs": spec["root"]["inputDefinitions"]["parameters"]["runs"].get("defaultValue"),
        "launcher": container["command"][-1],
    }))


if __name__ == "__main__":
    main()
