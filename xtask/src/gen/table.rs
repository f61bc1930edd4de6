//! The operation table (`crates/nango-core/operations/*.toml`) as read by the
//! generator; `crates/nango-core/operations/README.md` documents every key.

use std::path::Path;

use serde::Deserialize;

/// The resource groups, in the order their operations are declared (and their
/// methods generated): each is `operations/<group>.toml` and `src/ops/<group>.rs`.
pub const GROUPS: [&str; 11] = [
    "providers",
    "integrations",
    "functions",
    "connections",
    "connect",
    "scripts",
    "environments",
    "records",
    "syncs",
    "actions",
    "proxy",
];

/// One file of the table: a resource group.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    #[serde(skip)]
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub operation: Vec<Operation>,
}

/// One operation: `[[operation]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    pub name: String,
    pub endpoint: String,
    pub generics: Option<String>,
    pub http: String,
    pub doc: String,
    pub request: Request,
    pub output: Option<String>,
    pub decode: Option<String>,
    pub example: Option<String>,
    pub json_example: Option<String>,
    pub check: Option<String>,
    pub fields: Option<String>,
    pub extra: Option<String>,
    pub constructor: Option<String>,
    pub idempotent: Option<bool>,
    pub wasm: Option<String>,
    #[serde(default)]
    pub arg: Vec<Arg>,
    #[serde(default)]
    pub js: Vec<JsMethod>,
    #[serde(default)]
    pub native: Vec<NativeMethod>,
}

/// Who writes an endpoint's struct and request.
#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum Request {
    Table,
    Hand,
}

/// One argument: `[[operation.arg]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arg {
    pub name: String,
    pub rust: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(rename = "in")]
    pub location: String,
    pub wire: Option<String>,
    #[serde(default)]
    pub required: bool,
    pub default: Option<String>,
    pub doc: Option<String>,
    pub sample: Option<String>,
    pub setter: Option<String>,
    pub max: Option<u32>,
    #[serde(default)]
    pub into: bool,
    pub key: Option<String>,
}

/// A JavaScript method: `[[operation.js]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsMethod {
    pub method: String,
    pub params: String,
    pub args: Option<String>,
    pub shape: Option<String>,
    pub body: Option<String>,
    #[serde(default)]
    pub sync: bool,
    pub ts: String,
}

/// A native client method: `[[operation.native]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NativeMethod {
    #[serde(rename = "fn")]
    pub name: String,
    pub generics: Option<String>,
    pub params: String,
    pub build: String,
    pub returns: String,
    pub output: Option<String>,
    pub call: Option<String>,
    pub options: Option<bool>,
    pub doc: String,
}

impl Operation {
    /// The HTTP method and the path template of `http`.
    pub fn method_and_path(&self) -> Result<(&str, &str), String> {
        self.http
            .split_once(' ')
            .ok_or_else(|| format!("{}: `http` is `METHOD /path`", self.name))
    }

    /// The arguments a caller must give, in order.
    pub fn required(&self) -> impl Iterator<Item = &Arg> {
        self.arg.iter().filter(|a| a.required)
    }

    /// The arguments with a setter, in order.
    pub fn optional(&self) -> impl Iterator<Item = &Arg> {
        self.arg.iter().filter(|a| !a.required)
    }
}

impl Arg {
    /// The name of its setter (optional arguments).
    pub fn setter(&self) -> &str {
        self.setter.as_deref().unwrap_or(&self.rust)
    }

    /// Its name on the wire.
    pub fn wire(&self) -> &str {
        self.wire.as_deref().unwrap_or(&self.rust)
    }
}

/// Reads every group of the table under `dir`, checking what the generators rely
/// on: unique operation and method names, known shapes and types.
pub fn read(dir: &Path) -> Result<Vec<Group>, String> {
    let mut groups = Vec::new();
    for name in GROUPS {
        let path = dir.join(format!("{name}.toml"));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut group: Group =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        group.name = name.to_owned();
        groups.push(group);
    }
    check(&groups)?;
    Ok(groups)
}

fn check(groups: &[Group]) -> Result<(), String> {
    let mut ops = std::collections::BTreeSet::new();
    let mut methods = std::collections::BTreeSet::new();
    let mut natives = std::collections::BTreeSet::new();
    for op in groups.iter().flat_map(|g| &g.operation) {
        if !ops.insert(op.name.as_str()) {
            return Err(format!("operation `{}` is declared twice", op.name));
        }
        op.method_and_path()?;
        for js in &op.js {
            if !methods.insert(js.method.as_str()) {
                return Err(format!("JS method `{}` is declared twice", js.method));
            }
            if js.body.is_none() && js.shape.is_none() {
                return Err(format!("{}: a JS method has `shape` or `body`", js.method));
            }
        }
        for n in &op.native {
            if !natives.insert(n.name.as_str()) {
                return Err(format!("native method `{}` is declared twice", n.name));
            }
        }
        if op.request == Request::Table && (op.output.is_none() || op.decode.is_none()) {
            return Err(format!(
                "{}: request = \"table\" needs `output` and `decode`",
                op.name
            ));
        }
    }
    Ok(())
}
