# Shared by deploy/test and deploy/demo: where things are and how to build.
# shellcheck shell=bash
JZ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JZ_JOBS=${JZ_JOBS:-$(nproc)}
export JIUZHU_ASSETS="$JZ_ROOT/assets"
# The Release build directory (JIUZHU_BUILD_DIR to use another, e.g. an existing tree).
JZ_BUILD=${JIUZHU_BUILD_DIR:-$JZ_ROOT/build}

jz_log() { printf '\n==> %s\n' "$*"; }

# jz_build DIR [extra cmake args...]: configure (once) and build everything in DIR.
jz_build() {
  local dir=$1; shift
  cmake -S "$JZ_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DJIUZHU_WERROR=ON "$@" >"$dir.configure.log" 2>&1 \
    || { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j "$JZ_JOBS"
}
