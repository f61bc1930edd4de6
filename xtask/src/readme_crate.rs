//! `cargo xtask readme-crate` (issue 21): what a user does with a README, done for real.
//! For each README with a Rust quick start, a fresh crate outside the workspace gets the
//! README's `[dependencies]` lines (the workspace's crates taken from this tree by path)
//! and each of its Rust examples as a binary; the binaries are built with cargo and run
//! against the local Nango server, and each must exit 0. The doc tests compile the same
//! examples, but inside the workspace, with its dev-dependencies and without running the
//! `no_run` ones; this is the check that copying them into a new project works.
//!
//! The READMEs are read when the task runs (never copied into the repository), so an
//! edit to an example or its dependency lines is what gets built.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::cmd::{cmd, root, run, target_dir};
use crate::tasks::PUBLISHED;

/// A README whose examples are built and run: its path, the prefix of its binaries'
/// names, and the requests that give its examples the data they read, beyond the demo
/// seed (`(path, JSON body)`, POSTed with the server's key).
struct Readme {
    path: &'static str,
    prefix: &'static str,
    setup: &'static [(&'static str, &'static str)],
}

const READMES: [Readme; 2] = [
    Readme {
        path: "README.md",
        prefix: "readme",
        // The quick start works on the end user `user-1` and their `github` connection
        // `user-1`, and streams its `Issue` records. The connection is imported through
        // Nango's public API (`POST /connections`), as an application would; Nango's API
        // has no way to write records, so they come from the local server's admin API.
        setup: &[
            (
                "/connections",
                r#"{"provider_config_key":"github","connection_id":"user-1","credentials":{"type":"OAUTH2","access_token":"gho_local_token"},"tags":{"end_user_id":"user-1"}}"#,
            ),
            (
                "/_admin/records",
                r#"{"provider_config_key":"github","connection_id":"user-1","model":"Issue","records":[{"id":"1","title":"First issue"},{"id":"2","title":"Second issue"}]}"#,
            ),
        ],
    },
    Readme {
        path: "crates/nango/README.md",
        prefix: "nango_readme",
        // None: the example calls the real GitHub API (`/user`, through the proxy) with
        // the credentials of each `github` connection of `user-1`, which the local server
        // can only forward to api.github.com, where its generated tokens are refused. It
        // runs against the demo seed, where `user-1` has no connection: it lists them
        // and makes no GitHub call.
        setup: &[],
    },
];

/// The fenced code blocks of `markdown`: (info string, body).
pub(crate) fn code_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in markdown.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(info)) => open = Some((info.trim().to_owned(), String::new())),
            (Some(_), Some(_)) => blocks.extend(open.take()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// Whether rustdoc compiles a block with this info string as Rust: no language (rustdoc's
/// default) or `rust`, unless `ignore`d.
pub(crate) fn is_compiled_rust(info: &str) -> bool {
    let words: Vec<&str> = info.split(',').map(str::trim).collect();
    let lang = words.first().copied().unwrap_or("");
    (lang.is_empty() || lang == "rust") && !words.contains(&"ignore")
}

/// Whether a user copying the block gets a program that should build and exit 0: a
/// compiled Rust block (`no_run` ones included: running them is the point), but not one
/// that the README itself marks as failing (`compile_fail`, `should_panic`).
fn is_runnable(info: &str) -> bool {
    is_compiled_rust(info)
        && !info
            .split(',')
            .any(|w| matches!(w.trim(), "compile_fail" | "should_panic"))
}

/// The dependency lines of the TOML blocks of a README, with every crate of this
/// workspace (`crates/<name>`) taken from `crates` by path; the version requirement and
/// everything else stay as written, so cargo also checks that the requirement matches
/// the crate of this tree. An error if there are none.
fn dependency_lines(blocks: &[(String, String)], crates: &Path) -> Result<String, String> {
    let path_of = |name: &str| crate::cmd::quoted(&crates.join(name).to_string_lossy());
    let mut out = String::new();
    let mut any = false;
    // The TOML blocks with dependency lines; others (a `.cargo/config.toml`, say) are
    // not the crate's manifest.
    let manifests = blocks.iter().filter(|(info, body)| {
        info == "toml" && body.lines().any(|l| l.trim().starts_with("[dependencies"))
    });
    for (_, body) in manifests {
        let mut in_deps = false;
        for line in body.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with('[') {
                let header = trimmed.trim_start_matches('[').trim_end_matches(']');
                in_deps = header == "dependencies";
                any |= in_deps;
                out.push_str(line);
                out.push('\n');
                // `[dependencies.nango]`: a table of its own, which gets the path.
                if let Some(name) = header.strip_prefix("dependencies.") {
                    if PUBLISHED.contains(&name.trim()) {
                        out.push_str(&format!("path = {}\n", path_of(name.trim())));
                    }
                }
                continue;
            }
            let rewritten = match (in_deps, trimmed.split_once('=')) {
                (true, Some((name, req))) if PUBLISHED.contains(&name.trim()) => {
                    let (name, req) = (name.trim(), req.trim());
                    let path = format!("path = {}", path_of(name));
                    match req.strip_prefix('{') {
                        Some(rest) => format!("{name} = {{ {path}, {}", rest.trim_start()),
                        None => format!("{name} = {{ {path}, version = {req} }}"),
                    }
                }
                _ => line.to_owned(),
            };
            out.push_str(&rewritten);
            out.push('\n');
        }
    }
    if !any {
        return Err("no [dependencies] lines".into());
    }
    Ok(out)
}

/// The manifest of the fresh crate: a package of its own (the workspace's edition),
/// an empty `[workspace]` so that cargo does not look for one above it, the README's
/// dependency lines, and one binary per example (found by cargo in `src/bin/`).
fn manifest(name: &str, edition: &str, deps: &str) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"{edition}\"\npublish = false\n\n[workspace]\n\n{deps}"
    )
}

/// An example as the program rustdoc makes of it: its hidden lines (`# code`) shown, and,
/// without a `fn main`, wrapped in one (crate attributes `#![..]` kept in front).
fn program(code: &str) -> String {
    let lines: Vec<&str> = code
        .lines()
        .map(|l| match l.trim_start() {
            "#" => "",
            t if t.starts_with("# ") => &t[2..],
            _ => l,
        })
        .collect();
    if lines.iter().any(|l| l.contains("fn main(")) {
        return lines.join("\n") + "\n";
    }
    let attrs = lines
        .iter()
        .take_while(|l| l.trim_start().starts_with("#![") || l.trim().is_empty())
        .count();
    let mut out = String::new();
    for l in &lines[..attrs] {
        out.push_str(l);
        out.push('\n');
    }
    out.push_str("fn main() {\n");
    for l in &lines[attrs..] {
        out.push_str(l);
        out.push('\n');
    }
    out.push_str("}\n");
    out
}

/// The value of `key = "..."` in the workspace manifest.
fn workspace_value(key: &str) -> Result<String, String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml"))
        .map_err(|e| format!("Cargo.toml: {e}"))?;
    manifest
        .lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{key} = \"")))
        .and_then(|v| v.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| format!("Cargo.toml: no `{key}`"))
}

/// A directory of its own under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Result<TempDir, String> {
        let dir = std::env::temp_dir().join(format!("nango-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src/bin"))
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A fresh crate for one README, written: returns its directory and its binaries.
fn write_crate(readme: &Readme) -> Result<(TempDir, Vec<String>), String> {
    let text = std::fs::read_to_string(root().join(readme.path))
        .map_err(|e| format!("{}: {e}", readme.path))?;
    let blocks = code_blocks(&text);
    let deps = dependency_lines(&blocks, &root().join("crates"))
        .map_err(|e| format!("{}: {e}", readme.path))?;
    let package = readme.prefix.replace('_', "-");
    let dir = TempDir::new(&package)?;
    let edition = workspace_value("edition")?;
    write(
        &dir.0.join("Cargo.toml"),
        &manifest(&package, &edition, &deps),
    )?;
    // The workspace's lock file, so that the crate builds with the dependency versions
    // the workspace is tested with (a run does not depend on what crates.io published
    // since; cargo resolves from crates.io whatever the README adds that it lacks).
    std::fs::copy(root().join("Cargo.lock"), dir.0.join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut bins = Vec::new();
    for (_, code) in blocks.iter().filter(|(info, _)| is_runnable(info)) {
        let bin = format!("{}_{}", readme.prefix, bins.len() + 1);
        write(&dir.0.join(format!("src/bin/{bin}.rs")), &program(code))?;
        bins.push(bin);
    }
    if bins.is_empty() {
        return Err(format!("{}: no Rust example", readme.path));
    }
    Ok((dir, bins))
}

/// `POST {base}{path}` with the key and a JSON body, over plain HTTP/1.1 (the local
/// server on loopback; xtask has no dependencies); an error unless it answers 2xx.
fn post(base: &str, key: &str, path: &str, body: &str) -> Result<(), String> {
    let authority = base
        .strip_prefix("http://")
        .ok_or_else(|| format!("not an http:// address: {base}"))?
        .trim_end_matches('/');
    let mut stream = TcpStream::connect(authority).map_err(|e| format!("{authority}: {e}"))?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("POST {path}: {e}"))?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| format!("POST {path}: {e}"))?;
    let status = answer.split_whitespace().nth(1).unwrap_or("");
    if status.starts_with('2') {
        Ok(())
    } else {
        Err(format!("POST {path}: {answer}"))
    }
}

/// The task: every README's crate built (one cargo command per README, all into one
/// target directory), then each example run against one local server, reset to the
/// demo seed before each README's setup.
pub fn readme_crate() -> Result<(), String> {
    // Under the workspace's target directory, so that `cargo clean` removes it and the
    // dependencies, compiled once, are reused by every later run; a directory of its
    // own, so that these builds never invalidate the workspace's.
    let target = target_dir()?.join("readme-crate");
    let mut crates = Vec::new();
    for readme in &READMES {
        let (dir, bins) = write_crate(readme)?;
        let started = Instant::now();
        let mut c = cmd("cargo", &["build", "--bins"]);
        c.current_dir(&dir.0).env("CARGO_TARGET_DIR", &target);
        run(c)?;
        eprintln!(
            "xtask: {} built in {:.1} s",
            readme.path,
            started.elapsed().as_secs_f64()
        );
        crates.push((readme, dir, bins));
    }
    let server = crate::wasm::Server::start()?;
    let mut total = 0;
    for (readme, _dir, bins) in &crates {
        post(&server.url, &server.key, "/_admin/reset", "{}")?;
        for (path, body) in readme.setup {
            post(&server.url, &server.key, path, body)?;
        }
        for bin in bins {
            let exe = target
                .join("debug")
                .join(format!("{bin}{}", std::env::consts::EXE_SUFFIX));
            let mut c = Command::new(&exe);
            c.env("NANGO_SECRET_KEY", &server.key)
                .env("NANGO_HOST", &server.url);
            run(c).map_err(|e| format!("{}: {e}", readme.path))?;
            total += 1;
        }
    }
    let per: Vec<String> = crates
        .iter()
        .map(|(r, _, bins)| format!("{} {}", r.path, bins.len()))
        .collect();
    println!(
        "readme crate: {total} examples built and run ({})",
        per.join(", ")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_examples_a_user_would_run() {
        let md = "```toml\n[dependencies]\nnango = \"0.1\"\n```\n```rust,no_run\nfn main() {}\n```\n```rust\nlet a = 1;\n```\n```rust,ignore\nnot rust\n```\n```rust,compile_fail\nlet x: u8 = 256;\n```\n```\nbare\n```\n```sh\nls\n```\n";
        let runnable: Vec<String> = code_blocks(md)
            .into_iter()
            .filter(|(info, _)| is_runnable(info))
            .map(|(_, code)| code)
            .collect();
        assert_eq!(runnable, ["fn main() {}\n", "let a = 1;\n", "bare\n"]);
    }

    #[test]
    fn takes_the_workspace_crates_by_path_and_keeps_the_rest() {
        let md = "```toml\n[dependencies]\nnango = \"0.1\"\nnango-core = { version = \"0.1\", default-features = false }\nserde_json = \"1\"\ntokio = { version = \"1\", features = [\"macros\"] }\n\n[dependencies.nango-local-server]\nversion = \"0.1\"\n[features]\nnango = []\n```\n```toml\nnot = \"dependencies\"\n```\n";
        let deps = dependency_lines(&code_blocks(md), Path::new("/r/crates")).unwrap();
        assert_eq!(
            deps,
            "[dependencies]\n\
             nango = { path = \"/r/crates/nango\", version = \"0.1\" }\n\
             nango-core = { path = \"/r/crates/nango-core\", version = \"0.1\", default-features = false }\n\
             serde_json = \"1\"\n\
             tokio = { version = \"1\", features = [\"macros\"] }\n\
             \n\
             [dependencies.nango-local-server]\n\
             path = \"/r/crates/nango-local-server\"\n\
             version = \"0.1\"\n\
             [features]\n\
             nango = []\n"
        );
        let windows = dependency_lines(&code_blocks(md), Path::new(r#"C:\r "x"\crates"#)).unwrap();
        assert!(
            windows.contains(r#"path = "C:\\r \"x\"\\crates"#),
            "{windows}"
        );
        assert!(
            dependency_lines(&code_blocks("```toml\n[package]\n```\n"), Path::new("/")).is_err()
        );
    }

    #[test]
    fn the_manifest_stands_outside_any_workspace() {
        let m = manifest("readme", "2021", "[dependencies]\nx = \"1\"\n");
        assert!(m.starts_with("[package]\nname = \"readme\"\n"));
        assert!(m.contains("\nedition = \"2021\"\n"));
        assert!(m.contains("\n[workspace]\n"));
        assert!(m.ends_with("[dependencies]\nx = \"1\"\n"));
    }

    #[test]
    fn makes_programs_as_rustdoc_does() {
        let full = "use a::b;\n\n#[tokio::main]\nasync fn main() {}\n";
        assert_eq!(program(full), full);
        assert_eq!(
            program("#![allow(unused)]\nuse a::b;\n# let hidden = 1;\n#\nlet x = 2;\n"),
            "#![allow(unused)]\nfn main() {\nuse a::b;\nlet hidden = 1;\n\nlet x = 2;\n}\n"
        );
    }
}
