# Shared environment for stancegraph scripts (sourced, not executed).
# A target dir outside the clone keeps builds cached across clones and CI runs.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/stancegraph/target}"
export STANCEGRAPH_MODEL_HOME="${STANCEGRAPH_MODEL_HOME:-$HOME/.cache/stancegraph/models}"
if [ -z "${STANCEGRAPH_MODEL_DIR:-}" ] && [ -f "$STANCEGRAPH_MODEL_HOME/all-MiniLM-L6-v2/model.safetensors" ]; then
  export STANCEGRAPH_MODEL_DIR="$STANCEGRAPH_MODEL_HOME/all-MiniLM-L6-v2"
fi
