#!/usr/bin/env bash
# Newsmark build script.
#
#   ./build.sh setup   install what the build and the tests need (idempotent; a rerun takes seconds),
#                      the export tests' Python consumers included (in .cache/venv)
#   ./build.sh build   release wasm -> wasm-bindgen (www/newsmark/pkg) -> wasm-opt -Oz -ocimfs 0; release CLI; the claims pack;
#                      npm pack of the embeddable module (www/newsmark/) into target/npm/
#   ./build.sh serve   setup + build, then serve www/ on http://127.0.0.1:8080 (PORT=... to change)
#   ./build.sh test    setup + build, then every test: cargo test, the Spark job in local mode, wasm tests
#                      in headless Chromium, end-to-end browser tests, fmt and clippy
#   ./build.sh bench   setup + build, then measure speed, size and accuracy into BENCHMARKS.md, side by
#                      side with peers (compromise and wink-nlp in Chromium, bundled into .cache/bench/;
#                      spaCy natively, installed into .cache/bench/venv, skipped with a note if it can't be)
#   ./build.sh screenshot   docs/screenshot.png of the page, for the README
#   ./build.sh fuzz [SECONDS]   run each cargo-fuzz target for SECONDS (default 300); installs a nightly
#                      toolchain and cargo-fuzz if missing. `test` runs each for 10 s when they are present.
#
# Knobs: WASM_TOOLCHAIN=auto|rustup|debian (which way to get a wasm32 std, see README),
#        NEWSMARK_DATA=dir (data for accuracy tests and benchmarks; default ../shared/data),
#        BENCH_PASSES=n (timed passes per system, at least 5), BENCH_SPACY=0 (bench without spaCy).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

TARGET=wasm32-unknown-unknown
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
log()  { printf '\n== %s\n' "$*" >&2; }
die()  { printf 'build.sh: error: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

APT_UPDATED=0
apt_install() {   # install only the missing Debian packages; refresh the index once if needed
  local p missing=()
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  have apt-get || die "need apt-get to install: ${missing[*]}"
  log "apt-get install ${missing[*]}"
  if [ "$APT_UPDATED" = 0 ]; then $SUDO apt-get update -qq || true; APT_UPDATED=1; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# ------------------------------------------------------------------ wasm toolchain
# Path A (rustup): the active toolchain has a prebuilt wasm32 std, or `rustup target add` gets one.
# Path B (debian): Debian 12's rustc-web + rust-web-src, std built with -Z build-std (for machines
#                  whose rustup cannot download the wasm32 std). See the README.
WASM_ENV=(); WASM_CARGO=cargo; BUILD_STD=()
has_wasm_std() { local d; d=$("$1" --print target-libdir --target "$TARGET" 2>/dev/null) && compgen -G "$d/libstd-*.rlib" >/dev/null; }
debian_web_usable() {
  have apt-cache || return 1
  pkg_installed rustup && return 1            # rustc-web conflicts with Debian's rustup package
  if pkg_installed rustc-web && pkg_installed rust-web-src; then return 0; fi
  [ "$APT_UPDATED" = 1 ] || { $SUDO apt-get update -qq >/dev/null 2>&1 || true; APT_UPDATED=1; }
  apt-cache policy rustc-web 2>/dev/null | grep -Eq 'Candidate: 1\.(8[5-9]|9[0-9]|[1-9][0-9]{2})\.'
}
wasm_toolchain() {
  local mode="${WASM_TOOLCHAIN:-auto}"
  if [ "$mode" = auto ]; then
    if has_wasm_std rustc; then mode=rustup
    elif debian_web_usable; then mode=debian
    else mode=rustup
    fi
  fi
  case "$mode" in
    rustup)
      if ! has_wasm_std rustc; then
        have rustup || die "no wasm32 std and no rustup; try WASM_TOOLCHAIN=debian"
        log "rustup target add $TARGET"
        timeout 300 rustup target add "$TARGET" >&2 || die "rustup target add failed; try WASM_TOOLCHAIN=debian"
      fi
      ;;
    debian)
      apt_install rustc-web cargo-web rust-web-src
      local llvm; llvm=$(/usr/bin/rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
      apt_install "lld-$llvm"
      [ -x "/usr/lib/llvm-$llvm/bin/wasm-ld" ] || die "wasm-ld missing from lld-$llvm"
      # Absolute paths: rustup's shims come first on PATH.
      WASM_CARGO=/usr/bin/cargo
      WASM_ENV=(RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
                CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="/usr/lib/llvm-$llvm/bin/wasm-ld"
                CARGO_TARGET_DIR="$ROOT/target/debian-web")
      BUILD_STD=(-Z build-std=std,panic_abort)
      ;;
    *) die "WASM_TOOLCHAIN must be auto, rustup or debian" ;;
  esac
  WASM_MODE=$mode
}
wasm_cargo() { env "${WASM_ENV[@]}" "$WASM_CARGO" "$@" "${BUILD_STD[@]}"; }
wasm_target_dir() { local d="$ROOT/target"; [ "${WASM_MODE:-}" = debian ] && d="$ROOT/target/debian-web"; echo "$d"; }

# ------------------------------------------------------------------ other tools
wb_version() { awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock; }
ensure_lockfile() { [ -f Cargo.lock ] || cargo generate-lockfile >&2; }
wasm_bindgen_cli() {
  local ver root; ver=$(wb_version); [ -n "$ver" ] || die "wasm-bindgen not found in Cargo.lock"
  root="$HOME/.local/share/wasm-bindgen-cli/$ver"
  if have wasm-bindgen && [ "$(wasm-bindgen --version)" = "wasm-bindgen $ver" ]; then
    WASM_BINDGEN=$(command -v wasm-bindgen)
  else
    if ! { [ -x "$root/bin/wasm-bindgen" ] && [ "$("$root/bin/wasm-bindgen" --version)" = "wasm-bindgen $ver" ]; }; then
      log "cargo install wasm-bindgen-cli $ver (a few minutes, once)"
      if cargo -V >/dev/null 2>&1; then cargo install wasm-bindgen-cli --version "$ver" --locked --root "$root" >&2
      else env RUSTC=/usr/bin/rustc /usr/bin/cargo install wasm-bindgen-cli --version "$ver" --locked --root "$root" >&2; fi
    fi
    WASM_BINDGEN="$root/bin/wasm-bindgen"
  fi
  WB_TEST_RUNNER="$(dirname "$WASM_BINDGEN")/wasm-bindgen-test-runner"
}
browser() {
  if ! have chromium || ! have chromedriver; then apt_install chromium chromium-driver; fi
  CHROMIUM=$(command -v chromium); CHROMEDRIVER=$(command -v chromedriver)
}
node_deps() {
  have node && have npm || apt_install nodejs npm
  local stamp=node_modules/.newsmark-stamp want
  want=$(sha256sum package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-16)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "npm install (playwright-core, binaryen, axe-core, vnu-jar; esbuild, compromise, wink-nlp for the bench)"
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >&2; else npm install --no-audit --no-fund >&2; fi
    want=$(sha256sum package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-16)
    echo "$want" > "$stamp"
  fi
}

# The consumers the export tests feed: the Nu Html Checker (npm vnu-jar) runs on Java;
# spaCy, conllu, seqeval, jsonschema and extruct (tests/interop/requirements.txt, pinned)
# live in a project venv, .cache/venv, made or updated when the requirements change.
VENV=.cache/venv
interop_tools() {
  have java || apt_install default-jre-headless
  local stamp=$VENV/.newsmark-stamp want
  want=$(sha256sum tests/interop/requirements.txt | cut -c1-16)
  if [ ! -x "$VENV/bin/python" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    have python3 || apt_install python3
    python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
    log "pip install into $VENV: spaCy, conllu, seqeval, jsonschema, extruct (the export tests' consumers)"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" >&2 || { rm -rf "$VENV"; apt_install python3-venv; python3 -m venv "$VENV" >&2; }
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/interop/requirements.txt >&2
    echo "$want" > "$stamp"
  fi
}

# The Spark job (scale/annotate_archive.py) and its test: pyspark, pinned in scale/requirements.txt,
# in a git-ignored venv, on a Java runtime of 17 or later (Spark 4 needs it).
SPARK_VENV=.cache/spark-venv
java_major() { local v; v=$(java -version 2>&1 | sed -n 's/.*version "\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | head -1); echo "${v:-0}"; }
spark_env() {
  if ! have java || [ "$(java_major)" -lt 17 ]; then apt_install default-jre-headless; fi
  have java || die "no java after installing default-jre-headless"
  [ "$(java_major)" -ge 17 ] || die "Spark needs Java 17 or later; java -version says $(java_major)"
  local stamp="$SPARK_VENV/.newsmark-stamp" want
  want=$(sha256sum scale/requirements.txt | cut -c1-16)
  if [ ! -x "$SPARK_VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    python3 -c 'import ensurepip' 2>/dev/null || apt_install python3-venv
    log "pip install $(tr '\n' ' ' < scale/requirements.txt)into $SPARK_VENV (once)"
    python3 -m venv "$SPARK_VENV"
    "$SPARK_VENV/bin/pip" install -q --disable-pip-version-check -r scale/requirements.txt >&2
    echo "$want" > "$stamp"
  fi
}

setup() {
  have cargo || die "cargo not found: install Rust with rustup (https://rustup.rs)"
  ensure_lockfile
  wasm_toolchain
  browser
  interop_tools
  wasm_bindgen_cli
  node_deps
  spark_env
  echo "setup: wasm toolchain=$WASM_MODE; $("$WASM_BINDGEN" --version); $("$CHROMIUM" --version 2>/dev/null); node $(node --version); $("$SPARK_VENV/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)')" >&2
}

# ------------------------------------------------------------------ build
build() {
  log "cargo build --release (CLI)"
  cargo build --release >&2
  local raw; raw="$(wasm_target_dir)/$TARGET/wasm/newsmark.wasm"
  local pkg=www/newsmark/pkg
  rm -rf "$pkg"
  # Two modules from the same crate: the first (entities, claims, learning,
  # exports; what the first annotation needs) and the second, fetched with the
  # claims pack after the first entities (attribution finding, src/wasm_attribution.rs).
  log "cargo build --target $TARGET --profile wasm ($WASM_MODE): the first module"
  wasm_cargo build --lib --target "$TARGET" --profile wasm --no-default-features >&2
  "$WASM_BINDGEN" --target web --out-dir "$pkg" "$raw"
  log "cargo build --target $TARGET --profile wasm --features wasm-attribution: the second module"
  wasm_cargo build --lib --target "$TARGET" --profile wasm --no-default-features --features wasm-attribution >&2
  mkdir -p target/tmp
  cp "$raw" target/tmp/newsmark_attribution.wasm
  "$WASM_BINDGEN" --target web --out-dir "$pkg" target/tmp/newsmark_attribution.wasm
  # -ocimfs 0: no function is merged into its only caller unless it is tiny. Merged,
  # Annotator::entities grew from 13.7 to 57.5 KB of wasm, most of it cold rules that
  # Chromium compiled with the rest on the first call (baseline, then optimised on
  # the second core): the first annotation A/B 110 -> 84 ms (medians of 41),
  # warm throughput and size unchanged (docs/performance.md).
  log "wasm-opt -Oz -ocimfs 0"
  local m
  for m in newsmark newsmark_attribution; do
    node_modules/.bin/wasm-opt -Oz -ocimfs 0 "$pkg/${m}_bg.wasm" -o "$pkg/${m}_bg.wasm.opt"
    mv "$pkg/${m}_bg.wasm.opt" "$pkg/${m}_bg.wasm"
    echo "built $pkg/${m}_bg.wasm: $(stat -c %s "$pkg/${m}_bg.wasm") bytes, $(gzip -9c "$pkg/${m}_bg.wasm" | wc -c) gzipped" >&2
  done
  # The second file: the claims and attribution models, fetched after the first entities.
  target/release/newsmark pack-claims --out "$pkg/newsmark-claims.bin"
  one_file_build
  npm_package
}

# www/newsmark/newsmark.min.js: the embeddable module in one file, for pages without
# a bundler (README, "One file"; scripts/one-file.mjs). One request where the module
# graph takes three round trips (cold start A/B, docs/performance.md).
one_file_build() {
  log "esbuild: www/newsmark/newsmark.min.js"
  node scripts/one-file.mjs www/newsmark
}

# The embeddable module (www/newsmark/) as an npm package: target/npm/newsmark-VERSION.tgz.
npm_package() {
  log "npm pack www/newsmark"
  rm -rf target/npm
  mkdir -p target/npm
  (cd www/newsmark && npm pack --silent --pack-destination "$ROOT/target/npm" >/dev/null)
  echo "packed $(ls target/npm/*.tgz)" >&2
}

# ------------------------------------------------------------------ test
test_all() {
  log "cargo fmt --check"
  cargo fmt --check
  log "cargo clippy -D warnings"
  cargo clippy --all-targets -- -D warnings
  if has_wasm_std rustc; then
    cargo clippy --target "$TARGET" --no-default-features --lib --tests -- -D warnings
    cargo clippy --target "$TARGET" --no-default-features --features wasm-attribution --lib -- -D warnings
  else echo "(clippy for the wasm layer skipped: no prebuilt wasm32 std for rustup's clippy)" >&2; fi
  log "cargo test (native)"
  cargo test --release
  log "the Spark job in local mode (tests/spark/archive_test.py)"
  [ -x "$SPARK_VENV/bin/python" ] || die "pyspark is missing: run ./build.sh setup"
  "$SPARK_VENV/bin/python" tests/spark/archive_test.py
  log "wasm-bindgen tests in headless Chromium"
  cat > webdriver.json <<EOF
{ "goog:chromeOptions": { "binary": "$CHROMIUM",
  "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"] } }
EOF
  env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$WB_TEST_RUNNER" CHROMEDRIVER="$CHROMEDRIVER" \
    WASM_BINDGEN_TEST_TIMEOUT=180 \
    "${WASM_ENV[@]}" "$WASM_CARGO" test --target "$TARGET" --no-default-features --test web "${BUILD_STD[@]}"
  log "end-to-end browser tests (Playwright + Chromium)"
  CHROMIUM="$CHROMIUM" node --test --test-concurrency=1 tests/e2e/
  if fuzz_ready; then
    fuzz_all 10
  else
    echo "(fuzzing skipped: no nightly toolchain or cargo-fuzz; ./build.sh fuzz installs them)" >&2
  fi
  log "all tests passed"
}

# ------------------------------------------------------------------ fuzz
fuzz_ready() { cargo +nightly --version >/dev/null 2>&1 && have cargo-fuzz; }
fuzz_all() {   # $1: seconds per target
  if ! cargo +nightly --version >/dev/null 2>&1; then
    log "rustup toolchain install nightly (for cargo-fuzz)"
    timeout 600 rustup toolchain install nightly --profile minimal >&2 || die "no nightly toolchain: cargo-fuzz needs one"
  fi
  if ! have cargo-fuzz; then log "cargo install cargo-fuzz"; cargo install cargo-fuzz --locked >&2; fi
  log "cargo fuzz build"
  cargo +nightly fuzz build -O >&2
  local t
  for t in annotate import export model; do
    log "fuzz $t for $1 s"
    cargo +nightly fuzz run -O "$t" -- -max_total_time="$1" -rss_limit_mb=4096 -print_final_stats=1 2>&1 \
      | grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|SUMMARY|panicked|ERROR' >&2
    echo "corpus $t: $(ls fuzz/corpus/$t 2>/dev/null | wc -l) inputs" >&2
  done
}

case "${1:-}" in
  setup) setup ;;
  build) setup; build ;;
  serve) setup; build; exec node scripts/serve.mjs www "${PORT:-8080}" ;;
  test)  setup; build; test_all ;;
  fuzz)  fuzz_all "${2:-300}" ;;
  bench) setup; build; CHROMIUM="$CHROMIUM" node scripts/bench.mjs ;;
  screenshot) setup; build; CHROMIUM="$CHROMIUM" node scripts/screenshot.mjs ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 2 ;;
esac
