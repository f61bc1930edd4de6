//! The binary as a daily tool: options from `NANGO_LOCAL_*` environment variables, the
//! seed file of the README, `--help` and `--version`. Each test starts the real binary.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use nango_local_server::Seed;
use serde_json::Value;

const KEY: &str = "6f1c2a9e-4b7d-4c3a-9e8f-0a1b2c3d4e5f";
const SIGNING_KEY: &str = "local-signing-key-for-the-cli-test";
const WEBHOOK_URL: &str = "http://127.0.0.1:9/hooks";

fn seed_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/seed.json")
}

/// The binary with every `NANGO_LOCAL_*` variable set (the port to `port`), and none
/// inherited from the environment running the tests.
fn server(port: u16) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nango-local-server"));
    c.env("NANGO_LOCAL_PORT", port.to_string())
        .env("NANGO_LOCAL_API_KEY", KEY)
        .env("NANGO_LOCAL_SEED", seed_file())
        .env("NANGO_LOCAL_WEBHOOK_URL", WEBHOOK_URL)
        .env("NANGO_LOCAL_WEBHOOK_SIGNING_KEY", SIGNING_KEY)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// A started binary, killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `c` and returns it with its first line (`listening on URL api_key=KEY`).
fn start(mut c: Command) -> (Running, String) {
    let mut child = c.spawn().expect("spawn nango-local-server");
    let stdout = child.stdout.take().expect("stdout");
    let running = Running(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    (running, line)
}

async fn get(base: &str, path: &str) -> Value {
    let res = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .bearer_auth(KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.json().await.unwrap()
}

#[tokio::test]
async fn the_environment_sets_port_key_seed_and_webhooks_and_options_win() {
    // The variable's port is taken: the server fails on it, which shows it was read.
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = server(port).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("127.0.0.1:{port}")),
        "the error names the address: {stderr}"
    );

    // `--port 0` wins over the variable; the other variables still apply.
    let mut c = server(port);
    c.args(["--port", "0"]);
    let (_server, line) = start(c);
    assert!(line.ends_with(&format!(" api_key={KEY}\n")), "{line}");
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("a URL")
        .to_owned();
    assert_ne!(base, format!("http://127.0.0.1:{port}"));

    let info = get(&base, "/_admin/info").await;
    assert_eq!(info["webhook_signing_key"], SIGNING_KEY);
    assert_eq!(info["webhook_urls"], serde_json::json!([WEBHOOK_URL]));

    // The seed file of the README: its connections, metadata, records and variables.
    let list = get(&base, "/connections").await;
    let mut ids: Vec<&str> = list["connections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["connection_id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["team-1", "user-1"]);
    let conn = get(&base, "/connections/user-1?provider_config_key=github").await;
    assert_eq!(conn["metadata"]["plan"], "pro");
    assert_eq!(conn["credentials"]["access_token"], "gho_local_token");
    let records = reqwest::Client::new()
        .get(format!("{base}/records?model=Issue&limit=5"))
        .bearer_auth(KEY)
        .header("Connection-Id", "user-1")
        .header("Provider-Config-Key", "github")
        .send()
        .await
        .unwrap();
    assert_eq!(records.status(), 200);
    let records: Value = records.json().await.unwrap();
    assert_eq!(records["records"][0]["title"], "First issue");
    assert_eq!(records["records"].as_array().unwrap().len(), 5);
    let vars = get(&base, "/environment-variables").await;
    assert_eq!(
        vars,
        serde_json::json!([{"name": "FEATURE_FLAG", "value": "on"}])
    );
    drop(taken);
}

#[test]
fn a_bad_variable_stops_the_server_with_its_name() {
    let mut c = server(0);
    c.env("NANGO_LOCAL_API_KEY", "not-a-uuid");
    c.env("NANGO_LOCAL_SEED", "");
    c.env("NANGO_LOCAL_PORT", "3x");
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("NANGO_LOCAL_PORT"), "{stderr}");
}

#[test]
fn the_readme_seed_is_the_example_file_and_loads() {
    let readme = include_str!("../README.md");
    let block = readme
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a JSON block in the README");
    let file = std::fs::read_to_string(seed_file()).unwrap();
    let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap();
    assert_eq!(
        parse(block),
        parse(&file),
        "README and examples/seed.json differ"
    );
    let seed = Seed::from_file(seed_file()).unwrap();
    assert_eq!(seed.connections.len(), 2);
    assert_eq!(seed.records[0].generate, Some(1000));
}

#[test]
fn help_and_version_print_and_exit() {
    let run = |arg: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_nango-local-server"))
            .arg(arg)
            .output()
            .unwrap();
        assert!(out.status.success(), "{arg}");
        String::from_utf8(out.stdout).unwrap()
    };
    let help = run("--help");
    let readme = include_str!("../README.md");
    for var in [
        "NANGO_LOCAL_PORT",
        "NANGO_LOCAL_API_KEY",
        "NANGO_LOCAL_SEED",
        "NANGO_LOCAL_WEBHOOK_URL",
        "NANGO_LOCAL_WEBHOOK_SIGNING_KEY",
    ] {
        assert!(help.contains(var), "--help: no {var}");
        assert!(readme.contains(var), "README: no {var}");
    }
    assert_eq!(
        run("--version"),
        format!("nango-local-server {}\n", env!("CARGO_PKG_VERSION"))
    );
}
