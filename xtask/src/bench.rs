//! `cargo xtask bench`: the benchmark program (on demand, never part of `test`).
//! Installs its npm packages (`tests/bench/js`), builds the wasm package (unless
//! `--no-pkg`), builds `nango-bench` in release, runs it, and writes the table into
//! BENCHMARKS.md (unless `--quick` or `--no-write`).

use crate::cmd::{cmd, run, target_dir};

/// The bench's own setup: `npm ci` in tests/bench/js (the official SDK, esbuild,
/// Deno, Miniflare/workerd). Called by the bench task only.
pub fn bench_setup() -> Result<(), String> {
    crate::tasks::npm_ci("tests/bench/js")
}

/// `cargo xtask bench [--quick] [--reps N] [--only http,webhook,stream,size]
/// [--no-pkg] [--no-wasm] [--no-write]`.
pub fn bench(args: &[String]) -> Result<(), String> {
    let has = |flag: &str| args.iter().any(|a| a == flag);
    bench_setup()?;
    if !has("--no-pkg") && !has("--no-wasm") {
        // A package that does not build makes the wasm rows "n/a (package not built)".
        if let Err(e) = crate::wasm::pkg() {
            eprintln!("xtask: the wasm package did not build ({e}): its rows will be n/a");
        }
    }
    run(cmd("cargo", &["build", "--release", "-p", "nango-bench"]))?;
    let exe = target_dir()?
        .join("release")
        .join(format!("nango-bench{}", std::env::consts::EXE_SUFFIX));
    let exe = exe.to_string_lossy();
    let mut c = cmd(&exe, &["run", "--js", "tests/bench/js", "--pkg", "pkg"]);
    if !has("--quick") && !has("--no-write") {
        c.args(["--out", "BENCHMARKS.md"]);
    }
    let mut rest = args
        .iter()
        .filter(|a| !matches!(a.as_str(), "--no-pkg" | "--no-write"));
    while let Some(a) = rest.next() {
        c.arg(a);
        if matches!(a.as_str(), "--reps" | "--only") {
            if let Some(v) = rest.next() {
                c.arg(v);
            }
        }
    }
    run(c)
}
