//! The project's task runner: `cargo xtask <task>`. Everything beyond plain cargo
//! (tests across crates and runtimes, lints, setup of the toolchain) lives here so
//! that CI and a newcomer run the same commands.

mod bench;
mod cmd;
mod gen;
mod minify;
#[cfg(test)]
mod readme;
mod readme_crate;
mod tasks;
mod wasm;
mod www;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  gen          write every face of the SDK from the operation table (crates/nango-core/operations/):
               endpoints, native methods, the wasm dispatcher, the JS class, its declarations
               [--check: write nothing, fail if a generated file is not up to date]
  test         every test: setup, lints, the core for wasm32, the wasm suites and the npm
               tarball, the native suites (unit, doc, end to end, conformance), the
               README crate, the quickstart, cargo package, the www/ apps
  lint         cargo fmt --check, clippy -D warnings, cargo doc without warnings
  native       the Rust tests only (unit, integration, doc tests)
  setup        install what the tests need (wasm32 target, wasm-bindgen-cli, wasm-pack, Debian
               chromium and chromium-driver, npm packages of the test folders)
  quickstart   run the quickstart against the embedded local Nango server
  readme-crate a fresh crate outside the workspace with the READMEs' dependency lines
               (the workspace's crates by path) and their Rust examples as binaries,
               built and run against the local Nango server
  package      cargo package (verified) of the crates.io crates: nango-core, nango,
               nango-local-server
  pkg          build the npm package pkg/ (wasm32, wasm-bindgen, wasm-opt) and print its size
  wasm-test    build pkg/ and run the wasm suites (Node, Chromium, Deno, workerd, tsc)
  bench        the benchmarks (native vs @nangohq/node vs raw reqwest, wasm in Node/Deno/workerd);
               writes BENCHMARKS.md [--quick] [--reps N] [--only http,webhook,stream,size] [--no-pkg]
  www          the Worker, Deno and native examples of www/ with their page, offline against the
               local Nango server (HTTP + headless Chromium) [--serve: keep them running] [--no-pkg]
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(task) = args.first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match task.as_str() {
        "gen" => gen::gen(args.get(1).map(String::as_str) == Some("--check")),
        "test" => tasks::test(),
        "lint" => tasks::lint(),
        "native" => tasks::native().map(|_| ()),
        "setup" => tasks::setup(),
        "quickstart" => tasks::quickstart(),
        "package" => tasks::package(),
        "readme-crate" => readme_crate::readme_crate(),
        "pkg" => wasm::pkg(),
        "wasm-test" => wasm::test().map(|_| ()),
        "bench" => bench::bench(&args[1..]),
        "www" => www::www(&args[1..]),
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown task `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
