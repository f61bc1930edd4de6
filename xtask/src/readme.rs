//! Checks of the READMEs and manifests a user reads first (run by `cargo xtask native`,
//! as xtask's unit tests). The READMEs' Rust examples are compiled by the doc tests of
//! the crate that includes each README (`#[cfg(doctest)]` + `include_str!`); but a doc
//! test compiles with that crate's dev-dependencies, so it would not notice an example
//! using a crate that the README's dependency lines leave out. These checks hold each
//! example to its README's `[dependencies]`, and those lines to what a user would write
//! for the crates.io release.

use std::collections::BTreeSet;

use crate::cmd::root;
use crate::readme_crate::{code_blocks, is_compiled_rust};
use crate::tasks::PUBLISHED;

/// Each README with Rust examples, and the file whose doc tests compile them (with the
/// path it includes the README by).
const READMES: [(&str, &str, &str); 4] = [
    ("README.md", "tests/native/src/lib.rs", "../../../README.md"),
    (
        "crates/nango/README.md",
        "crates/nango/src/lib.rs",
        "../README.md",
    ),
    (
        "crates/nango-core/README.md",
        "crates/nango-core/src/lib.rs",
        "../README.md",
    ),
    (
        "crates/nango-local-server/README.md",
        "crates/nango-local-server/src/lib.rs",
        "../README.md",
    ),
];

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The dependencies declared by the TOML blocks: (name, requirement as written).
fn declared(blocks: &[(String, String)]) -> Vec<(String, String)> {
    let mut deps = Vec::new();
    for (_, body) in blocks.iter().filter(|(info, _)| info == "toml") {
        let mut in_deps = false;
        for line in body.lines().map(str::trim) {
            if line.starts_with('[') {
                in_deps = matches!(line, "[dependencies]" | "[dev-dependencies]");
            } else if let (true, Some((name, req))) = (in_deps, line.split_once('=')) {
                deps.push((name.trim().to_owned(), req.trim().to_owned()));
            }
        }
    }
    deps
}

/// `code` without comments, string and character literals (whose text is not code).
fn strip(code: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == 'r' && matches!(next, Some('#' | '"')) && raw_prefix(&chars, i) {
            // A raw string: r"..." or r#"..."# (or br#"..."#), its end the quote and as
            // many hashes.
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            i += 2 + hashes;
            let end: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            while i < chars.len() && !chars[i..].iter().collect::<String>().starts_with(&end) {
                i += 1;
            }
            i += end.len();
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') && next != Some('\\') {
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && is_ident(chars[i - 1])
}

/// Whether the `r` at `i` starts a raw string literal (`r"`, `r#"`, `br#"`) rather than
/// ending an identifier.
fn raw_prefix(chars: &[char], i: usize) -> bool {
    !ident_before(chars, i) || (chars[i - 1] == 'b' && !ident_before(chars, i - 1))
}

/// The crates a Rust example names: the first segment of each path (`serde_json` in
/// `serde_json::json!`, `tokio` in `#[tokio::main]`), leaving out the language's own
/// (`std`, `crate`...), types (capitalised) and names the example's `use` items bind.
fn crate_roots(code: &str) -> BTreeSet<String> {
    let code = strip(code);
    let mut bound = BTreeSet::new();
    for item in code.split(';') {
        let Some(tree) = item.trim_start().strip_prefix("use ") else {
            continue;
        };
        for leaf in tree.split(['{', '}', ',']) {
            let leaf = leaf.trim();
            let name = match leaf.split_once(" as ") {
                Some((_, alias)) => alias.trim(),
                None => leaf.rsplit("::").next().unwrap_or(leaf),
            };
            if !name.is_empty() {
                bound.insert(name.to_owned());
            }
        }
    }
    // Inside a `use` tree only the first segment can name a crate (`use
    // nango::models::{actions::X}`: `actions` is a module): scan each `use` item as
    // its first segment alone.
    let mut scanned = String::with_capacity(code.len());
    for item in code.split_inclusive(';') {
        // A statement starts after the `;` or the `{`/`}` of a block before it.
        let start = item.len()
            - item
                .trim_start_matches(|c: char| c.is_whitespace() || c == '{' || c == '}')
                .len();
        let (head, statement) = item.split_at(start);
        match statement.strip_prefix("use ") {
            Some(tree) => {
                let first = tree.trim_start().split("::").next().unwrap_or_default();
                scanned.push_str(head);
                scanned.push_str(" use ");
                scanned.push_str(first);
                scanned.push_str("::_;");
            }
            None => scanned.push_str(item),
        }
    }
    let chars: Vec<char> = scanned.chars().collect();
    let mut roots = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_ident(chars[i]) || ident_before(&chars, i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_ident(chars[i]) {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        let before = chars[..start].iter().rev().find(|c| !c.is_whitespace());
        // `a::b`, not the tail of a path (`x::a::b`), a method's turbofish
        // (`.list::<T>()`) or a turbofish of anything (`f::<T>`).
        let is_path_start = chars[i..].starts_with(&[':', ':'])
            && !matches!(before, Some(':' | '.'))
            && chars.get(i + 2) != Some(&'<');
        let std = ["std", "core", "alloc", "crate", "self", "super", "Self"];
        if is_path_start
            && word.starts_with(|c: char| c.is_ascii_lowercase())
            && !std.contains(&word.as_str())
            && !bound.contains(&word)
        {
            roots.insert(word);
        }
    }
    roots
}

/// The crates that the compiled Rust examples of `blocks` name and their dependency lines
/// do not declare.
fn undeclared(blocks: &[(String, String)]) -> BTreeSet<String> {
    let names: BTreeSet<String> = declared(blocks)
        .iter()
        .map(|(n, _)| n.replace('-', "_"))
        .collect();
    blocks
        .iter()
        .filter(|(info, _)| is_compiled_rust(info))
        .flat_map(|(_, code)| crate_roots(code))
        .filter(|root| !names.contains(root))
        .collect()
}

/// `major.minor` of the workspace's version: the requirement a user writes.
fn release_requirement() -> String {
    let manifest = read("Cargo.toml");
    let version = manifest
        .lines()
        .find_map(|l| l.trim().strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("the workspace version");
    let mut parts = version.split('.');
    match (parts.next(), parts.next()) {
        (Some("0"), Some(minor)) => format!("0.{minor}"),
        (Some(major), _) => major.to_owned(),
        _ => unreachable!("a version has a major number"),
    }
}

/// The version requirement in `req` (`"0.1"` or `{ version = "0.1", ... }`).
fn version_of(req: &str) -> Option<&str> {
    let quoted = match req.find("version") {
        Some(at) if req.starts_with('{') => &req[at..],
        _ => req,
    };
    quoted.split('"').nth(1)
}

#[test]
fn every_readme_example_compiles_with_its_own_dependency_lines() {
    let release = release_requirement();
    for (readme, includer, path) in READMES {
        let text = read(readme);
        let hook = format!("#[cfg(doctest)]\n#[doc = include_str!(\"{path}\")]");
        assert!(
            read(includer).contains(&hook),
            "{includer} does not compile the examples of {readme} (`{hook}`)"
        );
        let blocks = code_blocks(&text);
        let deps = declared(&blocks);
        assert!(!deps.is_empty(), "{readme}: no dependency lines");
        assert!(
            blocks.iter().any(|(info, _)| is_compiled_rust(info)),
            "{readme}: no compiled Rust example"
        );
        let missing = undeclared(&blocks);
        assert!(
            missing.is_empty(),
            "{readme}: the examples use {missing:?}, which the dependency lines leave out"
        );
        for (name, req) in &deps {
            assert!(
                !req.contains("path") && !req.contains("git"),
                "{readme}: {name} = {req} is not a crates.io dependency"
            );
            if PUBLISHED.contains(&name.as_str()) {
                assert_eq!(
                    version_of(req),
                    Some(release.as_str()),
                    "{readme}: {name} = {req}"
                );
            }
        }
    }
}

#[test]
fn the_published_manifests_are_complete_and_invent_nothing() {
    let workspace = read("Cargo.toml");
    for name in PUBLISHED {
        let path = format!("crates/{name}/Cargo.toml");
        let manifest = read(&path);
        let package = manifest.split("\n[").next().unwrap_or_default();
        for field in [
            "description",
            "readme",
            "keywords",
            "categories",
            "documentation",
        ] {
            assert!(
                package.contains(&format!("\n{field} = ")),
                "{path}: no `{field}`"
            );
        }
        let docs = format!("\ndocumentation = \"https://docs.rs/{name}\"");
        assert!(
            package.contains(&docs),
            "{path}: documentation is not docs.rs"
        );
        assert!(package.contains("\nreadme = \"README.md\""), "{path}");
        assert!(
            !package.contains("publish = false"),
            "{path} is not published"
        );
        for text in [&manifest, &workspace] {
            // Placeholders: a reserved domain, an ellipsis for a value to fill in.
            for placeholder in [".invalid", "example.com", "…", "TODO"] {
                assert!(!text.contains(placeholder), "{placeholder} in {path}");
            }
        }
    }
}

#[test]
fn finds_crates_that_an_example_names() {
    let code = r##"
use nango::models::connect::CreateConnectSession;
use std::collections::{BTreeMap as Map, HashSet};
use serde::Deserialize;

#[tokio::main]
async fn main() {
    // comment::not_a_crate
    let url = "http://x::y"; let raw = r#"q::w "inner" "#; let c = ':';
    let bytes = br#"{"a":"b::c"}"#; let esc = "\"d::e\"";
    let v = serde_json::json!({"a": 1});
    let m: Map<String, String> = Map::new(); Deserialize::deserialize; CreateConnectSession::default();
    let _ = <Vec<u8> as Default>::default(); std::env::var("X"); self::f(); nango_local_server::LocalServer::start;
    nango.list_records::<serde_json::Value>("a"); parse::<u8>("1");
}
use nango::models::{actions::ActionWaitOptions, connections::AuthMode};
"##;
    let roots: Vec<String> = crate_roots(code).into_iter().collect();
    assert_eq!(
        roots,
        [
            "nango",
            "nango_local_server",
            "serde",
            "serde_json",
            "tokio"
        ]
    );
}

#[test]
fn reads_blocks_and_dependency_lines() {
    let md = "text\n```toml\n[dependencies]\nnango = \"0.1\"\nx = { version = \"1\", features = [\"a\"] }\n[features]\nf = []\n```\n```rust,no_run\nfn main() {}\n```\n```\nbare\n```\n```sh\nls\n```\n";
    let blocks = code_blocks(md);
    assert_eq!(blocks.len(), 4);
    let compiled: Vec<bool> = blocks.iter().map(|(i, _)| is_compiled_rust(i)).collect();
    assert_eq!(compiled, [false, true, true, false]);
    let deps = declared(&blocks);
    assert_eq!(deps.len(), 2);
    assert_eq!(version_of(&deps[0].1), Some("0.1"));
    assert_eq!(version_of(&deps[1].1), Some("1"));
}

/// The quick start as it was (issue 21): `serde_json::json!` without a `serde_json` line,
/// E0433 for whoever copied it.
#[test]
fn an_example_using_an_undeclared_crate_is_caught() {
    let md = "```toml\n[dependencies]\nnango = \"0.1\"\ntokio = { version = \"1\", features = [\"macros\"] }\n```\n```rust,no_run\n#[tokio::main]\nasync fn main() {\n    nango.update_metadata(\"github\", \"user-1\", serde_json::json!({ \"plan\": \"pro\" }));\n}\n```\n";
    let missing: Vec<String> = undeclared(&code_blocks(md)).into_iter().collect();
    assert_eq!(missing, ["serde_json"]);
    let fixed = md.replace("[dependencies]\n", "[dependencies]\nserde_json = \"1\"\n");
    assert!(undeclared(&code_blocks(&fixed)).is_empty());
}
