//! The Rust faces of the table in `nango-core`: each `request = "table"` endpoint
//! (`src/ops/<group>.gen.rs`) and the native client methods with their `Call`
//! options (`src/client/<group>.gen.rs`).

use std::fmt::Write;

use super::table::{Arg, Group, Operation, Request};
use super::{header, indent_doc, snake};

/// `src/ops/<group>.gen.rs`.
pub fn endpoints(group: &Group) -> Result<String, String> {
    let mut out = header("//", Some(&group.name));
    for op in group
        .operation
        .iter()
        .filter(|o| o.request == Request::Table)
    {
        endpoint(&mut out, &group.name, op)?;
    }
    // Every endpoint's method and path come from the table, hand-written ones too.
    let mut done: Vec<&str> = Vec::new();
    for op in &group.operation {
        if done.contains(&op.endpoint.as_str()) {
            continue;
        }
        done.push(&op.endpoint);
        let (method, path) = op.method_and_path()?;
        if method == "{method}" {
            continue; // the proxy: the caller's method, under `/proxy`
        }
        // One endpoint sent with two methods (`SetMetadata`) gets its path only.
        let same_method = group
            .operation
            .iter()
            .filter(|o| o.endpoint == op.endpoint)
            .all(|o| o.method_and_path().map(|(m, _)| m) == Ok(method));
        constants(
            &mut out,
            &group.name,
            op,
            same_method.then_some(method),
            &template(path)?.0,
        );
    }
    Ok(out)
}

/// `path` with each `{name}` replaced by `{}`, as `ApiRequest::new` takes it, and
/// the names in order.
fn template(path: &str) -> Result<(String, Vec<&str>), String> {
    let (mut out, mut names) = (String::new(), Vec::new());
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let end = rest[start..]
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in `{path}`"))?
            + start;
        out.push_str(&rest[..start]);
        out.push_str("{}");
        names.push(&rest[start + 1..end]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok((out, names))
}

/// `METHOD` and `PATH` of an endpoint (generic ones over `generics`).
fn constants(out: &mut String, group: &str, op: &Operation, method: Option<&str>, path: &str) {
    let ty = &op.endpoint;
    let (params, example) = match &op.generics {
        Some(g) => {
            let values: Vec<&str> = g.split(',').map(|_| "serde_json::Value").collect();
            (
                format!("<{g}>"),
                format!("nango_core::ops::{group}::{ty}::<{}>", values.join(", ")),
            )
        }
        None => (String::new(), format!("nango_core::ops::{group}::{ty}")),
    };
    writeln!(out, "impl{params} {ty}{params} {{").unwrap();
    if let Some(method) = method {
        writeln!(
            out,
            "    /// `{method}`: the operation's HTTP method.\n    ///\n    /// ```\n    /// assert_eq!({example}::METHOD, http::Method::{method});\n    /// ```\n    pub const METHOD: http::Method = http::Method::{method};\n"
        )
        .unwrap();
    }
    writeln!(
        out,
        "    /// `{path}`: the operation's path, each `{{}}` an id (percent-encoded).\n    ///\n    /// ```\n    /// assert_eq!({example}::PATH, \"{path}\");\n    /// ```\n    pub const PATH: &'static str = \"{path}\";\n}}\n"
    )
    .unwrap();
}

/// How an argument of `ty` is held, taken by its setter, and sent.
struct Kind {
    field: String,
    param: String,
    /// The value to store from the parameter `p`.
    store: Box<dyn Fn(&str) -> String>,
}

fn kind(arg: &Arg) -> Result<Kind, String> {
    // A typed body taken as anything that converts into its model (`into = true`).
    if arg.into {
        if let Some(model) = arg.ty.strip_prefix("body:") {
            let model = model.to_owned();
            return Ok(Kind {
                field: "crate::json::Body".into(),
                param: format!("impl Into<crate::models::{model}>"),
                store: Box::new(move |p| {
                    format!("crate::json::Body::typed::<crate::models::{model}>(&{p}.into())")
                }),
            });
        }
    }
    let into = |p: &str| format!("{p}.into()");
    let same = |p: &str| p.to_owned();
    Ok(match arg.ty.as_str() {
        "id" | "text" => Kind {
            field: "String".into(),
            param: "impl Into<String>".into(),
            store: Box::new(into),
        },
        "bool" => Kind {
            field: "bool".into(),
            param: "bool".into(),
            store: Box::new(same),
        },
        "u32" => Kind {
            field: "u32".into(),
            param: "u32".into(),
            store: Box::new(same),
        },
        "number_id" => Kind {
            field: "u64".into(),
            param: "u64".into(),
            store: Box::new(same),
        },
        "secret" => Kind {
            field: "crate::secret::SecretString".into(),
            param: "impl Into<crate::secret::SecretString>".into(),
            store: Box::new(into),
        },
        // Pairs are added one by one (`tag(key, value)`), so their setter is written apart.
        "pairs" => Kind {
            field: "Vec<(String, String)>".into(),
            param: "impl Into<String>, value: impl Into<String>".into(),
            store: Box::new(|p| format!("{p}.push((key.into(), value.into()))")),
        },
        "strings" => Kind {
            field: "Vec<String>".into(),
            param: "impl IntoIterator<Item = impl Into<String>>".into(),
            store: Box::new(|p| format!("{p}.into_iter().map(Into::into).collect()")),
        },
        t if t.starts_with("body:") => Kind {
            field: "crate::json::Body".into(),
            param: format!("crate::models::{}", &t[5..]),
            store: Box::new(|p| format!("crate::json::Body::typed(&{p})")),
        },
        t if t.starts_with("enum:") => Kind {
            field: format!("crate::models::{}", &t[5..]),
            param: format!("crate::models::{}", &t[5..]),
            store: Box::new(same),
        },
        other => return Err(format!("{}: type `{other}` cannot be generated", arg.rust)),
    })
}

/// Whether the field of `arg` is an `Option` (an optional argument without default).
fn optional(arg: &Arg) -> bool {
    !arg.required && arg.default.is_none() && arg.ty != "strings" && arg.ty != "pairs"
}

/// A value of `arg` for the documentation examples.
fn sample(arg: &Arg) -> String {
    if let Some(sample) = &arg.sample {
        return sample.clone();
    }
    match arg.ty.as_str() {
        "bool" => "true".into(),
        "u32" => "10".into(),
        "number_id" => "1".into(),
        "strings" => "[\"a\", \"b\"]".into(),
        "pairs" => "\"end_user_id\", \"u-1\"".into(),
        t if t.starts_with("enum:") => {
            let ty = t[5..].rsplit("::").next().unwrap_or_default();
            format!("nango_core::models::all::{ty}::from(\"x\")")
        }
        _ => format!("\"{}\"", arg.rust.replace('_', "-")),
    }
}

fn endpoint(out: &mut String, group: &str, op: &Operation) -> Result<(), String> {
    let (method, path) = op.method_and_path()?;
    let ty = &op.endpoint;
    let full = format!("nango_core::ops::{group}::{ty}");
    let required: Vec<&Arg> = op.required().collect();
    let optional_args: Vec<&Arg> = op.optional().collect();
    let samples: Vec<String> = required.iter().map(|a| sample(a)).collect();
    let new_call = format!("{full}::new({})", samples.join(", "));

    // The struct.
    writeln!(out, "/// `{method} {path}` (`{}`): {}", op.name, op.doc).unwrap();
    if let Some(example) = &op.example {
        out.push_str("///\n/// ```\n");
        out.push_str(&indent_doc(example, ""));
        out.push_str("/// ```\n");
    }
    let default = if required.is_empty()
        && optional_args
            .iter()
            .all(|a| a.default.as_deref().is_none_or(|d| d == "false"))
    {
        ", Default"
    } else {
        ""
    };
    writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq{default})]\npub struct {ty} {{"
    )
    .unwrap();
    for arg in &op.arg {
        let k = kind(arg)?;
        let field = if optional(arg) {
            format!("Option<{}>", k.field)
        } else {
            k.field
        };
        writeln!(out, "    {}: {field},", arg.rust).unwrap();
    }
    out.push_str("}\n\n");

    // Its constructor and setters.
    writeln!(out, "impl {ty} {{").unwrap();
    let names: Vec<String> = required.iter().map(|a| format!("`{}`", a.rust)).collect();
    if names.is_empty() {
        writeln!(out, "    /// The operation, without options.").unwrap();
    } else {
        writeln!(out, "    /// The operation for {}.", names.join(", ")).unwrap();
    }
    writeln!(
        out,
        "    ///\n    /// ```\n    /// let op = {new_call};\n    /// ```"
    )
    .unwrap();
    let mut params = Vec::new();
    let mut inits = Vec::new();
    for arg in &op.arg {
        let k = kind(arg)?;
        if arg.required {
            params.push(format!("{}: {}", arg.rust, k.param));
            let value = (k.store)(&arg.rust);
            inits.push(if value == arg.rust {
                value
            } else {
                format!("{}: {value}", arg.rust)
            });
        } else if optional(arg) {
            inits.push(format!("{}: None", arg.rust));
        } else if arg.ty == "strings" || arg.ty == "pairs" {
            inits.push(format!("{}: Vec::new()", arg.rust));
        } else {
            inits.push(format!(
                "{}: {}",
                arg.rust,
                arg.default.as_deref().unwrap_or_default()
            ));
        }
    }
    writeln!(
        out,
        "    pub fn new({}) -> Self {{\n        Self {{ {} }}\n    }}\n",
        params.join(", "),
        inits.join(", ")
    )
    .unwrap();
    // A typed body has a twin constructor taking it as JSON text, sent as written.
    if let Some(body) = op.arg.iter().find(|a| a.ty.starts_with("body:")) {
        let model = &body.ty[5..];
        let texts: Vec<String> = required
            .iter()
            .map(|a| {
                if a.ty.starts_with("body:") {
                    "body".to_owned()
                } else {
                    sample(a)
                }
            })
            .collect();
        writeln!(
            out,
            "    /// The operation with `{0}` as JSON text of a [`{1}`](crate::models::{model}), sent as\n    /// written; it gets the checks of the typed body when the request is built.\n    ///\n    /// ```",
            body.rust,
            model.rsplit("::").next().unwrap_or(model),
        )
        .unwrap();
        let example = op.json_example.clone().unwrap_or_else(|| {
            format!(
                "let body = nango_core::json::JsonText::parse(\"{{}}\")?;\nlet op = {full}::from_json({});\n# Ok::<(), nango_core::Error>(())",
                texts.join(", ")
            )
        });
        out.push_str(&indent_doc(&example, "    "));
        out.push_str("    /// ```\n");
        let params: Vec<String> = params
            .iter()
            .map(|p| {
                if p.starts_with(&format!("{}: ", body.rust)) {
                    format!("{}: crate::json::JsonText", body.rust)
                } else {
                    p.clone()
                }
            })
            .collect();
        let inits: Vec<String> = inits
            .iter()
            .map(|i| {
                if i.starts_with(&format!("{}: ", body.rust)) {
                    format!("{0}: crate::json::Body::text({0})", body.rust)
                } else {
                    i.clone()
                }
            })
            .collect();
        writeln!(
            out,
            "    pub fn from_json({}) -> Self {{\n        Self {{ {} }}\n    }}\n",
            params.join(", "),
            inits.join(", ")
        )
        .unwrap();
    }
    for arg in &optional_args {
        let k = kind(arg)?;
        let doc = arg.doc.as_deref().unwrap_or("Sets this option.");
        out.push_str(&indent_doc(doc, "    "));
        writeln!(
            out,
            "    ///\n    /// ```\n    /// let op = {new_call}.{}({});\n    /// ```",
            arg.setter(),
            sample(arg)
        )
        .unwrap();
        if arg.ty == "pairs" {
            writeln!(
                out,
                "    pub fn {}(mut self, key: {}) -> Self {{\n        {};\n        self\n    }}\n",
                arg.setter(),
                k.param,
                (k.store)(&format!("self.{}", arg.rust))
            )
            .unwrap();
            continue;
        }
        let value = (k.store)(&arg.rust);
        let value = if optional(arg) {
            format!("Some({value})")
        } else {
            value
        };
        writeln!(
            out,
            "    pub fn {0}(mut self, {0}: {1}) -> Self {{\n        self.{0} = {value};\n        self\n    }}\n",
            arg.rust, k.param
        )
        .unwrap();
    }
    out.push_str("}\n\n");

    // The request.
    writeln!(out, "impl crate::endpoint::Endpoint for {ty} {{").unwrap();
    writeln!(out, "    const NAME: &'static str = \"{}\";", snake(ty)).unwrap();
    writeln!(
        out,
        "    type Output = {};\n",
        op.output.as_deref().unwrap_or_default()
    )
    .unwrap();
    out.push_str("    fn request(&self, _config: &crate::config::Config) -> Result<crate::request::ApiRequest, crate::error::Error> {\n");
    if let Some(fields) = &op.fields {
        writeln!(out, "        self.body.fields::<{fields}>()?.check()?;").unwrap();
    }
    // Each argument sent outside the path is checked, in order (a path segment checks
    // itself): a required value is not empty, a numeric id is at least 1, a page size
    // is within `max`. Errors name it as the server would.
    for arg in op
        .arg
        .iter()
        .filter(|a| a.location != "path" && a.location != "none")
    {
        let (f, wire) = (&arg.rust, arg.wire());
        let check = match (arg.ty.as_str(), arg.required) {
            ("id", true) => format!("crate::encode::required(\"{wire}\", &self.{f})"),
            ("secret", true) => {
                format!("crate::encode::required(\"{wire}\", self.{f}.expose_secret())")
            }
            (t, true) if t.starts_with("enum:") => {
                format!("crate::encode::required(\"{wire}\", self.{f}.as_str())")
            }
            ("number_id", true) => format!("crate::encode::positive(\"{wire}\", self.{f})"),
            ("u32", false) if arg.max.is_some() => format!(
                "crate::encode::page_size(\"{wire}\", self.{f}, {})",
                arg.max.unwrap_or_default()
            ),
            _ => continue,
        };
        writeln!(out, "        {check}?;").unwrap();
    }
    // Then what the hand-written part checks.
    if let Some(check) = &op.check {
        writeln!(out, "        self.{check}()?;").unwrap();
    }
    let mut segments = Vec::new();
    for name in template(path)?.1 {
        let arg = op
            .arg
            .iter()
            .find(|a| a.rust == name && a.location == "path")
            .ok_or_else(|| format!("{}: no path argument `{name}`", op.name))?;
        segments.push(match arg.ty.as_str() {
            "number_id" => format!("(\"{0}\", &crate::encode::decimal(self.{0}))", arg.rust),
            _ => format!("(\"{0}\", &self.{0})", arg.rust),
        });
    }
    let sent = op
        .arg
        .iter()
        .any(|a| matches!(a.location.as_str(), "query" | "header" | "bearer" | "body"));
    let idempotent = match op.idempotent {
        Some(yes) => format!(".idempotent({yes})"),
        None => String::new(),
    };
    writeln!(
        out,
        "        let {}req = crate::request::ApiRequest::new(Self::METHOD, Self::PATH, &[{}])?{idempotent};",
        if sent { "mut " } else { "" },
        segments.join(", ")
    )
    .unwrap();
    for arg in op.arg.iter().filter(|a| a.location == "bearer") {
        writeln!(out, "        req = req.bearer(self.{}.clone());", arg.rust).unwrap();
    }
    for arg in op
        .arg
        .iter()
        .filter(|a| a.location == "query" || a.location == "header")
    {
        let f = format!("self.{}", arg.rust);
        let value = |v: &str| -> String {
            match arg.ty.as_str() {
                "bool" => format!("{v}.to_string()"),
                "u32" | "number_id" => format!("crate::encode::decimal({v})"),
                "secret" => format!("{v}.expose_secret().to_owned()"),
                t if t.starts_with("enum:") => format!("{v}.as_str().to_owned()"),
                _ => format!("{v}.clone()"),
            }
        };
        let wire = arg.wire();
        if arg.ty == "strings" {
            writeln!(
                out,
                "        if !{f}.is_empty() {{ req = req.query(\"{wire}\", crate::encode::join(&{f}, ',')); }}"
            )
            .unwrap();
        } else if arg.ty == "pairs" {
            // `wire` is a template of the key (`tags[{}]`), written by `key`.
            let key = arg.key.as_deref().unwrap_or("String::from");
            writeln!(
                out,
                "        for (key, value) in &{f} {{ req = req.query(format!(\"{wire}\", {key}(key)), value.clone()); }}"
            )
            .unwrap();
        } else if arg.location == "query" {
            if optional(arg) {
                writeln!(
                    out,
                    "        req = req.query_opt(\"{wire}\", {});",
                    opt_value(arg, &f)
                )
                .unwrap();
            } else {
                writeln!(out, "        req = req.query(\"{wire}\", {});", value(&f)).unwrap();
            }
        } else if optional(arg) {
            writeln!(
                out,
                "        if let Some(v) = &{f} {{ req = req.header(\"{wire}\", \"{}\", &{})?; }}",
                arg.rust,
                value("v")
            )
            .unwrap();
        } else {
            writeln!(
                out,
                "        req = req.header(\"{wire}\", \"{}\", &{})?;",
                arg.rust,
                value(&f)
            )
            .unwrap();
        }
    }
    // Whatever the hand-written part adds comes before the body.
    if let Some(extra) = &op.extra {
        writeln!(out, "        req = self.{extra}(req)?;").unwrap();
    }
    // A typed body: an object (its fields checked first when `fields` names a view).
    if let Some(body) = op.arg.iter().find(|a| a.ty.starts_with("body:")) {
        if op.fields.is_none() {
            writeln!(out, "        self.{}.require_object()?;", body.rust).unwrap();
        }
        writeln!(out, "        req = self.{}.attach(req)?;", body.rust).unwrap();
    }
    // A JSON body of the string arguments `in = "body"`, in their order.
    let body: Vec<&Arg> = op
        .arg
        .iter()
        .filter(|a| a.location == "body" && !a.ty.starts_with("body:"))
        .collect();
    if !body.is_empty() {
        out.push_str("        let body = crate::json::write::Object::new()");
        for arg in body {
            match (arg.ty.as_str(), optional(arg)) {
                ("id" | "text", false) => {
                    write!(out, ".str(\"{}\", &self.{})", arg.wire(), arg.rust).unwrap()
                }
                ("id" | "text", true) => write!(
                    out,
                    ".str_opt(\"{}\", self.{}.as_deref())",
                    arg.wire(),
                    arg.rust
                )
                .unwrap(),
                ("number_id", false) => {
                    write!(out, ".uint(\"{}\", self.{})", arg.wire(), arg.rust).unwrap()
                }
                ("u32", true) => write!(
                    out,
                    ".uint_opt(\"{}\", self.{}.map(u64::from))",
                    arg.wire(),
                    arg.rust
                )
                .unwrap(),
                (other, _) => {
                    return Err(format!(
                        "{}: a body argument of type `{other}` is hand-written",
                        op.name
                    ))
                }
            }
        }
        out.push_str(".finish();\n        req = req.json_text(&body);\n");
    }
    out.push_str("        Ok(req)\n");
    out.push_str("    }\n\n");
    match op.decode.as_deref().unwrap_or("json") {
        form @ ("json" | "json_or_null" | "empty" | "data") => {
            writeln!(out, "    crate::endpoint::decode_as!({form});\n}}\n").unwrap()
        }
        // A function of the group's module reads the answer.
        function => writeln!(
            out,
            "    fn decode(&self, response: crate::transport::HttpResponse) -> Result<Self::Output, crate::error::Error> {{\n        {function}(&response)\n    }}\n}}\n"
        )
        .unwrap(),
    }
    Ok(())
}

/// The `Option<String>` of the optional argument `arg`, held in `f`.
fn opt_value(arg: &Arg, f: &str) -> String {
    match arg.ty.as_str() {
        "bool" => format!("{f}.map(|v| v.to_string())"),
        "u32" | "number_id" => format!("{f}.map(crate::encode::decimal)"),
        "secret" => format!("{f}.as_ref().map(|v| v.expose_secret().to_owned())"),
        t if t.starts_with("enum:") => format!("{f}.as_ref().map(|v| v.as_str().to_owned())"),
        _ => format!("{f}.clone()"),
    }
}

/// `src/client/<group>.gen.rs`.
pub fn client(group: &Group) -> Result<String, String> {
    let mut out = header("//", Some(&group.name));
    let methods: Vec<_> = group
        .operation
        .iter()
        .flat_map(|op| op.native.iter().map(move |n| (op, n)))
        .collect();
    if !methods.is_empty() {
        out.push_str("impl<T: crate::transport::Transport> crate::client::Client<T> {\n");
        for (_, n) in &methods {
            out.push_str(&indent_doc(&n.doc, "    "));
            let generics = n.generics.as_deref().unwrap_or("");
            match n.returns.as_str() {
                "call" => {
                    let call = n
                        .call
                        .as_deref()
                        .ok_or_else(|| format!("{}: `call` names the endpoint", n.name))?;
                    writeln!(
                        out,
                        "    pub fn {}{generics}(&self, {}) -> crate::client::Call<'_, T, {call}> {{\n        self.call({})\n    }}\n",
                        n.name, n.params, n.build
                    )
                    .unwrap();
                }
                "value" => {
                    let output = n
                        .output
                        .as_deref()
                        .ok_or_else(|| format!("{}: `output` is its result", n.name))?;
                    writeln!(
                        out,
                        "    pub async fn {}{generics}(&self, {}) -> Result<{output}, crate::error::Error> {{\n        self.send(&{}).await\n    }}\n",
                        n.name, n.params, n.build
                    )
                    .unwrap();
                }
                other => return Err(format!("{}: returns `{other}`", n.name)),
            }
        }
        out.push_str("}\n\n");
    }
    // The options chained on a `Call`: the endpoint's setters, once per endpoint.
    let mut done = Vec::new();
    for (op, n) in &methods {
        if n.returns != "call" || n.options == Some(false) || done.contains(&op.endpoint) {
            continue;
        }
        let call = n.call.as_deref().unwrap_or_default();
        if op.optional().next().is_none() {
            continue;
        }
        done.push(op.endpoint.clone());
        writeln!(out, "impl<T> crate::client::Call<'_, T, {call}> {{").unwrap();
        for arg in op.optional() {
            let param = match kind(arg) {
                // A list is taken as the `Vec` itself on a Call, so that a
                // `.collect()` in the argument needs no annotation.
                Ok(_) if arg.ty == "strings" => "Vec<String>".to_owned(),
                Ok(k) => k.param,
                Err(_) => {
                    return Err(format!(
                        "{}: option `{}` has no setter type",
                        op.name, arg.rust
                    ))
                }
            };
            if arg.ty == "pairs" {
                writeln!(
                    out,
                    "    /// See [`{call}::{0}`].\n    pub fn {0}(self, key: {param}) -> Self {{\n        self.map(|e| e.{0}(key, value))\n    }}\n",
                    arg.setter()
                )
                .unwrap();
                continue;
            }
            writeln!(
                out,
                "    /// See [`{call}::{0}`].\n    pub fn {0}(self, {0}: {param}) -> Self {{\n        self.map(|e| e.{0}({0}))\n    }}\n",
                arg.rust
            )
            .unwrap();
        }
        out.push_str("}\n\n");
    }
    Ok(out)
}
