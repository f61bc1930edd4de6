//! Checks of the SDK and the local server against Nango's published OpenAPI document.
//!
//! The document is read at test time from `../shared/reference/nango-openapi.yaml`
//! (beside the repository), never copied in: when Nango publishes a new one, the same
//! tests judge the SDK against it. This library holds the machinery the test targets
//! share:
//!
//! - [`Doc`]: the document as JSON, its operations, path templates, parameters and
//!   request/response schemas, with `$ref`s followed inside the document;
//! - [`Doc::validate`]: JSON Schema 2020-12 validation (OpenAPI 3.1 schemas are
//!   2020-12) with the `jsonschema` crate, every `$ref` resolved against the
//!   document's own `components` (nothing is fetched);
//! - [`Doc::generate`]: instances generated from a schema (only the required
//!   fields, every field, nullable fields as `null`, enum fields with a value
//!   nobody knows);
//! - [`implemented_operations`]: the operations the operation table says the SDK
//!   implements;
//! - [`Findings`] and [`differences`]: every drift a check finds, and the reviewed
//!   list of deliberate ones (`src/differences.rs`, each with its reason). A
//!   finding that is not listed fails its test, and so does a listed difference that
//!   no longer occurs, so the list cannot go stale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Mutex;

use serde_json::{json, Map, Value};

pub mod differences;

pub use differences::{Difference, Findings};

/// The HTTP methods an OpenAPI path item may hold operations for (the ones Nango uses).
const METHODS: &[&str] = &["get", "post", "put", "patch", "delete"];

/// Where the document lives: `shared/reference/` beside the repository root.
pub fn document_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/nango-openapi.yaml")
}

/// The repository root (for `docs/coverage.md`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One operation of the document: `GET /connections/{connectionId}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OpKey {
    /// Upper-case method.
    pub method: String,
    /// The document's path template.
    pub template: String,
}

impl std::fmt::Display for OpKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.template)
    }
}

/// A parameter of an operation.
#[derive(Debug, Clone)]
pub struct Param {
    /// `query`, `header` or `path`.
    pub location: String,
    /// As the document spells it.
    pub name: String,
    /// Whether the document requires it.
    pub required: bool,
}

/// Which instances [`Doc::generate`] makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only the required fields (arrays with one item, so that items are decoded too).
    Required,
    /// Every field the schema names.
    Every,
    /// Every field, with `null` wherever the schema allows it.
    Nulls,
    /// Every field, with each string enum holding a value the document does not list
    /// (the instance is then valid except for those enums: a newer server's values).
    UnknownEnums,
}

impl Mode {
    /// All modes, in a fixed order.
    pub const ALL: [Mode; 4] = [Mode::Required, Mode::Every, Mode::Nulls, Mode::UnknownEnums];

    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Required => "required-only",
            Mode::Every => "every-field",
            Mode::Nulls => "nullable-as-null",
            Mode::UnknownEnums => "unknown-enum-values",
        }
    }
}

/// The value generated for string enums in [`Mode::UnknownEnums`].
pub const UNKNOWN_ENUM: &str = "value_from_a_newer_server";

/// The loaded document.
pub struct Doc {
    root: Value,
    /// Compiled validators by the schema's JSON text (compiling one embeds the whole
    /// `components` section, so it is worth keeping).
    validators: Mutex<BTreeMap<String, std::sync::Arc<jsonschema::Validator>>>,
}

impl Doc {
    /// Reads the document, failing with a clear message when it is absent.
    pub fn load() -> Doc {
        let path = document_path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "Nango's OpenAPI document is needed at {} (shared/reference/nango-openapi.yaml \
                 beside the repository): {e}",
                path.display()
            )
        });
        let root: Value = serde_norway::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not a YAML document: {e}", path.display()));
        assert!(
            root["openapi"]
                .as_str()
                .is_some_and(|v| v.starts_with("3.1")),
            "{}: expected an OpenAPI 3.1 document, found `openapi: {}`",
            path.display(),
            root["openapi"]
        );
        Doc {
            root,
            validators: Mutex::new(BTreeMap::new()),
        }
    }

    /// The whole document.
    pub fn root(&self) -> &Value {
        &self.root
    }

    /// Follows `$ref`s (`#/components/...`) until a value that is not a bare reference.
    pub fn resolve<'a>(&'a self, mut value: &'a Value) -> &'a Value {
        for _ in 0..32 {
            match value.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let pointer = r
                        .strip_prefix('#')
                        .unwrap_or_else(|| panic!("external $ref {r} in the document"));
                    value = self
                        .root
                        .pointer(pointer)
                        .unwrap_or_else(|| panic!("dangling $ref {r} in the document"));
                }
                None => return value,
            }
        }
        panic!("$ref cycle in the document")
    }

    /// Every operation, sorted.
    pub fn operations(&self) -> Vec<OpKey> {
        let mut out = Vec::new();
        for (template, item) in self.root["paths"].as_object().expect("paths") {
            for m in METHODS {
                if item.get(*m).is_some() {
                    out.push(OpKey {
                        method: m.to_uppercase(),
                        template: template.clone(),
                    });
                }
            }
        }
        out.sort();
        out
    }

    /// The operation object.
    pub fn operation(&self, op: &OpKey) -> &Value {
        &self.root["paths"][&op.template][op.method.to_lowercase()]
    }

    /// Whether the document marks the operation, or its whole path, deprecated.
    ///
    /// The legacy `/connection` (singular) paths are all deprecated; only some of them say
    /// so with `deprecated: true`, the others in their summary.
    pub fn is_deprecated(&self, op: &OpKey) -> bool {
        let o = self.operation(op);
        o["deprecated"] == json!(true)
            || o["summary"]
                .as_str()
                .is_some_and(|s| s.contains("(deprecated)"))
            || op.template == "/connection"
            || op.template.starts_with("/connection/")
    }

    /// [`Doc::match_path`], or else the same path without its trailing `/` (the SDK
    /// sends `/records/` where the document writes `/records`).
    pub fn match_path_or_trimmed(&self, method: &str, path: &str) -> Option<OpKey> {
        self.match_path(method, path)
            .or_else(|| self.match_path(method, path.trim_end_matches('/')))
    }

    /// Matches a concrete (percent-encoded) path against the templates of `method`:
    /// literal segments must be equal, `{param}` matches one non-empty segment, and a
    /// template ending in `{anyPath}` (the proxy) matches the rest. When several
    /// match, the one with the most literal segments wins (`/connections/metadata`
    /// over `/connections/{connectionId}`).
    pub fn match_path(&self, method: &str, path: &str) -> Option<OpKey> {
        let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let mut best: Option<(usize, OpKey)> = None;
        for op in self.operations() {
            if op.method != method {
                continue;
            }
            let tsegs: Vec<&str> = op.template.trim_start_matches('/').split('/').collect();
            let mut literal = 0;
            let mut ok = true;
            for (i, t) in tsegs.iter().enumerate() {
                let is_param = t.starts_with('{') && t.ends_with('}');
                if is_param && *t == "{anyPath}" && i == tsegs.len() - 1 {
                    ok = segs.len() > i && segs[i..].iter().any(|s| !s.is_empty());
                    break;
                }
                match segs.get(i) {
                    Some(s) if is_param && !s.is_empty() => {}
                    Some(s) if !is_param && s == t => literal += 1,
                    _ => {
                        ok = false;
                        break;
                    }
                }
                if i == tsegs.len() - 1 && segs.len() != tsegs.len() {
                    ok = false;
                }
            }
            if ok && best.as_ref().is_none_or(|(l, _)| literal > *l) {
                best = Some((literal, op));
            }
        }
        best.map(|(_, op)| op)
    }

    /// The parameters of an operation (path-item level ones included).
    pub fn params(&self, op: &OpKey) -> Vec<Param> {
        let item = &self.root["paths"][&op.template];
        let mut out = Vec::new();
        for list in [&item["parameters"], &self.operation(op)["parameters"]] {
            for p in list.as_array().into_iter().flatten() {
                let p = self.resolve(p);
                out.push(Param {
                    location: p["in"].as_str().unwrap_or_default().to_string(),
                    name: p["name"].as_str().unwrap_or_default().to_string(),
                    required: p["required"] == json!(true),
                });
            }
        }
        out
    }

    /// The JSON request body schema, if the operation has one, and whether the body is
    /// required.
    pub fn request_schema(&self, op: &OpKey) -> Option<(&Value, bool)> {
        let body = self.operation(op).get("requestBody")?;
        let body = self.resolve(body);
        let schema = body["content"].get("application/json")?.get("schema")?;
        Some((schema, body["required"] == json!(true)))
    }

    /// The documented statuses of an operation, sorted.
    pub fn statuses(&self, op: &OpKey) -> Vec<String> {
        self.operation(op)["responses"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The JSON response schema for `status` (`None` when the status is not documented;
    /// `Some(None)` when it is, without a JSON body).
    pub fn response_schema(&self, op: &OpKey, status: &str) -> Option<Option<&Value>> {
        let r = self.operation(op)["responses"].get(status)?;
        let r = self.resolve(r);
        Some(
            r["content"]
                .get("application/json")
                .and_then(|c| c.get("schema")),
        )
    }

    /// The documented success status and its schema (the lowest 2xx).
    pub fn success(&self, op: &OpKey) -> Option<(u16, Option<&Value>)> {
        let status = self
            .statuses(op)
            .into_iter()
            .filter(|s| s.starts_with('2'))
            .min()?;
        let schema = self.response_schema(op, &status).flatten();
        Some((status.parse().ok()?, schema))
    }

    /// A validator of `schema`, a schema found anywhere in the document: it is compiled
    /// as the root of a schema resource that also carries the document's `components`,
    /// so that its `#/components/...` references resolve inside the document.
    pub fn validator(&self, schema: &Value) -> std::sync::Arc<jsonschema::Validator> {
        let key = schema.to_string();
        if let Some(v) = self.validators.lock().unwrap().get(&key) {
            return v.clone();
        }
        let mut root = match schema {
            Value::Object(m) => m.clone(),
            Value::Bool(true) => Map::new(),
            other => panic!("not a schema: {other}"),
        };
        root.insert("components".into(), self.root["components"].clone());
        let v = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&Value::Object(root))
            .unwrap_or_else(|e| panic!("the document's schema {key} does not compile: {e}"));
        let v = std::sync::Arc::new(v);
        self.validators.lock().unwrap().insert(key, v.clone());
        v
    }

    /// Validates `instance`; each error as `at <instance path>: <keyword path>: <message>`,
    /// sorted (the keyword path says which rule; the message what failed).
    pub fn validate(&self, schema: &Value, instance: &Value) -> Vec<String> {
        let v = self.validator(schema);
        let mut out: Vec<String> = v
            .iter_errors(instance)
            .map(|e| format!("at `{}`: {}", e.instance_path(), short(&e.to_string(), 160)))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Validation errors as stable keys: `<instance path> <failing keyword>`, without the
    /// values (ids the server generates would make them differ between runs). Array
    /// indexes are kept out too: one finding per field, however many items have it.
    pub fn validate_keys(&self, schema: &Value, instance: &Value) -> Vec<String> {
        let v = self.validator(schema);
        let mut out: Vec<String> = v
            .iter_errors(instance)
            .map(|e| {
                let path: String = e
                    .instance_path()
                    .to_string()
                    .split('/')
                    .map(|s| {
                        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                            "*"
                        } else {
                            s
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("/");
                let schema_path = e.schema_path().to_string();
                let keyword = schema_path
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                // Only texts that do not hold the instance's values (ids, times).
                let detail = match keyword.as_str() {
                    "required" | "additionalProperties" => {
                        format!("{keyword}: {}", short(&e.to_string(), 120))
                    }
                    "type" => format!("type: found {}", kind(e.instance())),
                    _ => keyword,
                };
                format!("`{path}` {detail}")
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Generates an instance of `schema` (see [`Mode`]). String fields take the
    /// document's `example` when it has one, else a value fitting their `format`.
    pub fn generate(&self, schema: &Value, mode: Mode) -> Value {
        self.gen(schema, mode, None, 0)
    }

    /// Like [`generate`](Self::generate), taking branch `branch` of every `oneOf` and
    /// `anyOf` that has that many (the others as usual), so that the alternatives
    /// beyond the first are decoded too. The instance may not be valid (two branches
    /// can both match a `oneOf`): check it before relying on it.
    pub fn generate_branch(&self, schema: &Value, mode: Mode, branch: usize) -> Value {
        self.gen(schema, mode, Some(branch), 0)
    }

    fn gen(&self, schema: &Value, mode: Mode, branch: Option<usize>, depth: usize) -> Value {
        let s = self.resolve(schema);
        // Deep recursion (schemas that nest themselves) stops at required fields only.
        let mode = if depth > 8 { Mode::Required } else { mode };
        if let Some(c) = s.get("const") {
            return c.clone();
        }
        // The document's own example, where it fits its schema (an object example only
        // outside the required-only mode: it may hold optional fields).
        if let Some(ex) = s.get("example") {
            let usable = match mode {
                Mode::UnknownEnums => false,
                Mode::Required => !ex.is_object(),
                _ => true,
            };
            if usable && s.is_object() && self.validator(s).is_valid(ex) {
                return ex.clone();
            }
        }
        if let Some(e) = s.get("enum").and_then(Value::as_array) {
            if mode == Mode::UnknownEnums && e.iter().all(Value::is_string) {
                return json!(UNKNOWN_ENUM);
            }
            if mode == Mode::Nulls && e.contains(&Value::Null) {
                return Value::Null;
            }
            return e
                .iter()
                .find(|v| !v.is_null())
                .cloned()
                .unwrap_or(Value::Null);
        }
        if let Some(all) = s.get("allOf").and_then(Value::as_array) {
            let mut merged = Map::new();
            for sub in all {
                if let Value::Object(m) = self.gen(sub, mode, branch, depth + 1) {
                    merged.extend(m);
                }
            }
            // Properties beside `allOf` too.
            if s.get("properties").is_some() {
                let mut rest = s.clone();
                rest.as_object_mut().unwrap().remove("allOf");
                if let Value::Object(m) = self.gen(&rest, mode, branch, depth + 1) {
                    merged.extend(m);
                }
            }
            return Value::Object(merged);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(branches) = s.get(key).and_then(Value::as_array) {
                return self.gen_branch(s, branches, mode, branch, depth);
            }
        }
        let types: Vec<&str> = match s.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ if s.get("properties").is_some() || s.get("additionalProperties").is_some() => {
                vec!["object"]
            }
            _ if s.get("items").is_some() => vec!["array"],
            // Any value: a string is the one every model field of that kind takes.
            _ => vec!["string"],
        };
        if mode == Mode::Nulls && types.contains(&"null") {
            return Value::Null;
        }
        let ty = types
            .iter()
            .find(|t| **t != "null")
            .copied()
            .unwrap_or("null");
        match ty {
            "object" => {
                let required: BTreeSet<&str> = s["required"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let mut out = Map::new();
                if let Some(props) = s.get("properties").and_then(Value::as_object) {
                    for (name, sub) in props {
                        // An optional field no value can satisfy (the document's
                        // `proxy.paginate` is `anyOf: []`) is left out.
                        let empty_choice = ["anyOf", "oneOf"].iter().any(|k| {
                            self.resolve(sub)
                                .get(*k)
                                .and_then(Value::as_array)
                                .is_some_and(Vec::is_empty)
                        });
                        if empty_choice && !required.contains(name.as_str()) {
                            continue;
                        }
                        if mode != Mode::Required || required.contains(name.as_str()) {
                            out.insert(name.clone(), self.gen(sub, mode, branch, depth + 1));
                        }
                    }
                }
                // A map (`additionalProperties: {schema}`) gets one entry outside the
                // required-only mode.
                if let Some(add) = s.get("additionalProperties") {
                    if add.is_object() && mode != Mode::Required {
                        out.insert("extra_key".into(), self.gen(add, mode, branch, depth + 1));
                    }
                }
                Value::Object(out)
            }
            "array" => {
                let item = s.get("items").cloned().unwrap_or(json!({}));
                Value::Array(vec![self.gen(&item, mode, branch, depth + 1)])
            }
            "string" => {
                if let Some(ex) = s.get("example").filter(|v| v.is_string()) {
                    return ex.clone();
                }
                if let Some(p) = s.get("pattern") {
                    // The document's patterns are few: the first candidate that fits.
                    let fits = self.validator(&json!({"type": "string", "pattern": p}));
                    let candidates = [
                        "text",
                        "-----BEGIN RSA PRIVATE KEY-----key-----END RSA PRIVATE KEY-----",
                    ];
                    if let Some(c) = candidates.iter().find(|c| fits.is_valid(&json!(c))) {
                        return json!(c);
                    }
                }
                json!(match s["format"].as_str() {
                    Some("date-time") => "2026-01-02T03:04:05.000Z",
                    Some("date") => "2026-01-02",
                    Some("uuid") => "00000000-0000-4000-8000-000000000001",
                    Some("uri" | "url") => "https://example.com/path",
                    Some("email") => "user@example.com",
                    _ => "text",
                })
            }
            "integer" => {
                if let Some(ex) = s.get("example").filter(|v| v.is_i64() || v.is_u64()) {
                    return ex.clone();
                }
                json!(s["minimum"].as_i64().unwrap_or(0).max(1))
            }
            "number" => s.get("example").cloned().unwrap_or(json!(1.5)),
            "boolean" => json!(true),
            _ => Value::Null,
        }
    }

    /// A branch of `oneOf`/`anyOf`: the null one in [`Mode::Nulls`] when there is one,
    /// else the first branch whose instance the whole schema accepts (a `oneOf` refuses an
    /// instance two branches accept).
    fn gen_branch(
        &self,
        whole: &Value,
        branches: &[Value],
        mode: Mode,
        branch: Option<usize>,
        depth: usize,
    ) -> Value {
        let is_null = |b: &Value| self.resolve(b).get("type") == Some(&json!("null"));
        if mode == Mode::Nulls && branches.iter().any(is_null) {
            return Value::Null;
        }
        // The branch is chosen on the instance of the same fields with known values, so
        // that every mode but the required-only one describes the same branch.
        let choose = if mode == Mode::Required {
            Mode::Required
        } else {
            Mode::Every
        };
        let candidates: Vec<&Value> = branches.iter().filter(|b| !is_null(b)).collect();
        let chosen = candidates
            .iter()
            .position(|b| {
                self.validator(whole)
                    .is_valid(&self.gen(b, choose, branch, depth + 1))
            })
            .unwrap_or(0);
        let chosen = match branch {
            Some(k) if k < candidates.len() => k,
            _ => chosen,
        };
        match candidates.get(chosen) {
            Some(b) => self.gen(b, mode, branch, depth + 1),
            None => Value::Null,
        }
    }

    /// Every schema of the document that carries an `example`, with its JSON pointer
    /// (a property that is itself named `example` is not one).
    pub fn schema_examples(&self) -> Vec<(String, &Value, &Value)> {
        fn walk<'a>(
            v: &'a Value,
            pointer: String,
            parent: &str,
            out: &mut Vec<(String, &'a Value, &'a Value)>,
        ) {
            match v {
                Value::Object(m) => {
                    if parent != "properties" {
                        if let Some(ex) = m.get("example") {
                            out.push((pointer.clone(), v, ex));
                        }
                    }
                    for (k, x) in m {
                        let escaped = k.replace('~', "~0").replace('/', "~1");
                        walk(x, format!("{pointer}/{escaped}"), k, out);
                    }
                }
                Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        walk(x, format!("{pointer}/{i}"), parent, out);
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(&self.root["paths"], "/paths".into(), "", &mut out);
        walk(&self.root["components"], "/components".into(), "", &mut out);
        out
    }

    /// The `example`s the document gives for a response schema: a whole-body `example`
    /// on the schema (or the media type), when there is one.
    pub fn examples(&self, op: &OpKey, status: &str) -> Vec<Value> {
        let mut out = Vec::new();
        let Some(r) = self.operation(op)["responses"].get(status) else {
            return out;
        };
        let media = &self.resolve(r)["content"]["application/json"];
        if let Some(e) = media.get("example") {
            out.push(e.clone());
        }
        for e in media
            .get("examples")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|m| m.values())
        {
            if let Some(v) = self.resolve(e).get("value") {
                out.push(v.clone());
            }
        }
        if let Some(schema) = media.get("schema") {
            if let Some(e) = self.resolve(schema).get("example") {
                if e.is_object() || e.is_array() {
                    out.push(e.clone());
                }
            }
        }
        out
    }
}

/// The JSON type of a value, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Cuts `s` to `n` characters.
fn short(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

/// The operations the SDK implements: the `http` line of every entry of the operation
/// table (`crates/nango-core/operations/*.toml`, `http = "METHOD /path"`), matched to
/// the document's templates; `{method} /proxy/...` is every proxy method. An entry
/// whose path the document does not have is returned apart, by its text.
pub fn implemented_operations(doc: &Doc) -> (BTreeSet<OpKey>, BTreeSet<String>) {
    let dir = repo_root().join("crates/nango-core/operations");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut found = BTreeSet::new();
    let mut unknown = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        for line in text.lines() {
            let Some(value) = line.strip_prefix("http = ") else {
                continue;
            };
            let value = value.trim_matches(['"', '\'']);
            let Some((method, path)) = value.split_once(' ') else {
                continue;
            };
            let methods: Vec<String> = if method == "{method}" {
                METHODS.iter().map(|m| m.to_uppercase()).collect()
            } else {
                vec![method.to_owned()]
            };
            for method in methods {
                // The table names path arguments (`{connection_id}`); any non-empty
                // segment stands for them.
                let concrete = path.replace("{method}", "x").replace(['{', '}'], "x");
                match doc.match_path_or_trimmed(&method, &concrete) {
                    Some(op) => {
                        found.insert(op);
                    }
                    None => {
                        unknown.insert(format!("{method} {path}"));
                    }
                }
            }
        }
    }
    (found, unknown)
}
