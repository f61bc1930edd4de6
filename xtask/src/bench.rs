//! `cargo xtask bench`: the benchmark program. Installs its npm packages
//! (`tests/bench/js`), builds the wasm package (unless `--no-pkg`), builds
//! `nango-bench` in release, runs it, and writes the table into BENCHMARKS.md
//! (unless `--quick` or `--no-write`). The full run is on demand; `cargo xtask test`
//! runs it `--quick --strict` (see [`smoke`]).

use crate::cmd::{cmd, run, target_dir};

/// The bench's own setup: `npm ci` in tests/bench/js (the official SDK, esbuild,
/// Deno, Miniflare/workerd). Called by the bench task (and so by its quick run in
/// `cargo xtask test`).
pub fn bench_setup() -> Result<(), String> {
    crate::tasks::npm_ci("tests/bench/js")
}

/// `cargo xtask bench [--quick] [--reps N] [--only http,webhook,stream,size]
/// [--no-pkg] [--no-wasm] [--no-write] [--strict] [--clients LIST] [--debug]`.
pub fn bench(args: &[String]) -> Result<(), String> {
    let has = |flag: &str| args.iter().any(|a| a == flag);
    bench_setup()?;
    if !has("--no-pkg") && !has("--no-wasm") {
        // A package that does not build makes the wasm rows "n/a (package not built)".
        if let Err(e) = crate::wasm::pkg() {
            eprintln!("xtask: the wasm package did not build ({e}): its rows will be n/a");
        }
    }
    // `--debug`: the dev build (for `cargo xtask test`, whose suites have just built
    // its dependencies that way; its figures are not the release ones).
    let profile = if has("--debug") { "debug" } else { "release" };
    let mut build = vec!["build", "-p", "nango-bench"];
    if profile == "release" {
        build.push("--release");
    }
    run(cmd("cargo", &build))?;
    let exe = target_dir()?
        .join(profile)
        .join(format!("nango-bench{}", std::env::consts::EXE_SUFFIX));
    let exe = exe.to_string_lossy();
    let mut c = cmd(&exe, &["run", "--js", "tests/bench/js", "--pkg", "pkg"]);
    if !has("--quick") && !has("--no-write") {
        c.args(["--out", "BENCHMARKS.md"]);
    }
    let mut rest = args
        .iter()
        .filter(|a| !matches!(a.as_str(), "--no-pkg" | "--no-write" | "--debug"));
    while let Some(a) = rest.next() {
        c.arg(a);
        if matches!(a.as_str(), "--reps" | "--only" | "--clients") {
            if let Some(v) = rest.next() {
                c.arg(v);
            }
        }
    }
    run(c)
}

/// The bench in `cargo xtask test`: the quick run over the `pkg/` the wasm suites
/// just built, in the dev build, written nowhere. It proves that every client,
/// floor and section still runs: `--strict` fails it when a measurement fails, and
/// nothing is ever asserted about a timing (CI machines are noisy).
pub fn smoke() -> Result<(), String> {
    let args: Vec<String> = ["--quick", "--no-write", "--no-pkg", "--strict", "--debug"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    bench(&args)
}
