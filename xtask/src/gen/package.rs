//! The package's faces of the table: `Op` and its dispatcher in the wasm half
//! (`src/ops.gen.rs`), the `Nango` class's methods (`js/nango.gen.js`) and their
//! declarations (`src/methods.gen.d.ts`).

use std::fmt::Write;

use super::table::{Arg, Group, Operation};
use super::{header, pascal};

/// `crates/nango-wasm/src/ops.gen.rs`.
pub fn dispatcher(groups: &[Group]) -> Result<String, String> {
    let ops: Vec<(&str, &Operation)> = groups
        .iter()
        .flat_map(|g| g.operation.iter().map(move |o| (g.name.as_str(), o)))
        .collect();
    let mut out = header("//", None);
    out.push_str(
        "/// One operation of the `Nango` class, named across the JS/Rust boundary by\n\
         /// the JavaScript method that sends it. Each variant's documentation gives the\n\
         /// keys of the arguments object that method passes (`?`: optional).\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq)]\n#[non_exhaustive]\npub enum Op {\n",
    );
    for (_, op) in &ops {
        let keys: Vec<String> = op
            .arg
            .iter()
            .map(|a| format!("{}{}", a.name, if a.required { "" } else { "?" }))
            .collect();
        writeln!(
            out,
            "    /// `{}`: {} `{{{}}}`\n    {},",
            op.http,
            op.doc,
            keys.join(", "),
            pascal(&op.name)
        )
        .unwrap();
    }
    out.push_str("}\n\nimpl Op {\n");
    out.push_str(
        "    /// The operation named `name` (the JavaScript method that sends it), if any.\n\
         ///\n    /// ```no_run\n    /// use nango_wasm::Op;\n\
         /// assert_eq!(Op::from_name(\"getConnection\"), Some(Op::GetConnection));\n\
         /// assert_eq!(Op::from_name(\"nothing\"), None);\n    /// ```\n\
         pub fn from_name(name: &str) -> Option<Op> {\n        match name {\n",
    );
    for (_, op) in &ops {
        writeln!(
            out,
            "            \"{}\" => Some(Op::{}),",
            op.name,
            pascal(&op.name)
        )
        .unwrap();
    }
    out.push_str("            _ => None,\n        }\n    }\n\n");
    out.push_str(
        "    /// The operation's name.\n    ///\n    /// ```no_run\n\
         /// assert_eq!(nango_wasm::Op::Proxy.name(), \"proxy\");\n    /// ```\n\
         pub fn name(self) -> &'static str {\n        match self {\n",
    );
    for (_, op) in &ops {
        writeln!(
            out,
            "            Op::{} => \"{}\",",
            pascal(&op.name),
            op.name
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n}\n\n");
    out.push_str(
        "/// The request of `op` for the arguments `a` (bad input is refused here).\n\
         fn request(op: Op, a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {\n    match op {\n",
    );
    for (group, op) in &ops {
        let variant = pascal(&op.name);
        if let Some(reader) = &op.wasm {
            writeln!(
                out,
                "        Op::{variant} => crate::readers::{reader}(a, config),"
            )
            .unwrap();
            continue;
        }
        let ctor = op.constructor.as_deref().unwrap_or("new");
        let required: Result<Vec<String>, String> =
            op.required().map(|a| read_required(op, a)).collect();
        let optional: Vec<&Arg> = op.optional().collect();
        let new = format!(
            "nango_core::ops::{group}::{}::{ctor}({})",
            op.endpoint,
            required?.join(", ")
        );
        if optional.is_empty() {
            writeln!(out, "        Op::{variant} => build(config, &{new}),").unwrap();
            continue;
        }
        writeln!(
            out,
            "        Op::{variant} => {{\n            let mut op = {new};"
        )
        .unwrap();
        for arg in optional {
            if arg.ty == "bool" && arg.default.is_some() {
                // A flag with a default is always set: any truthy value is `true`.
                writeln!(
                    out,
                    "            op = op.{}(a.flag(\"{}\"));",
                    arg.rust, arg.name
                )
                .unwrap();
                continue;
            }
            let read = read_optional(op, arg)?;
            writeln!(out, "            if let Some(v) = {read} {{\n                op = op.{}(v);\n            }}", arg.rust).unwrap();
        }
        out.push_str("            build(config, &op)\n        }\n");
    }
    out.push_str("    }\n}\n");
    Ok(out)
}

fn read_required(op: &Operation, a: &Arg) -> Result<String, String> {
    let n = &a.name;
    Ok(match a.ty.as_str() {
        "id" | "text" | "secret" => format!("a.id(\"{n}\")?"),
        "bool" => format!("a.flag(\"{n}\")"),
        "json" => format!("a.json(\"{n}\")?"),
        t if t.starts_with("body:") => format!("a.json(\"{n}\")?"),
        "number_id" => format!("numeric_id(a, \"{n}\")?"),
        "sync_refs" => format!("crate::readers::required_syncs(a, \"{n}\")?"),
        "u32" => format!("a.count(\"{n}\").ok_or_else(|| missing(\"{n}\"))?"),
        "strings" => format!("a.list(\"{n}\").ok_or_else(|| missing(\"{n}\"))?"),
        t if t.starts_with("enum:") => {
            format!("non_empty(a, \"{n}\").map(nango_core::models::{}::from).ok_or_else(|| missing(\"{n}\"))?", &t[5..])
        }
        other => {
            return Err(format!(
                "{}: `{}` of type `{other}` needs a `wasm` reader",
                op.name, a.name
            ))
        }
    })
}

fn read_optional(op: &Operation, a: &Arg) -> Result<String, String> {
    let n = &a.name;
    Ok(match a.ty.as_str() {
        "id" | "text" | "secret" => format!("non_empty(a, \"{n}\")"),
        "bool" => format!("a.boolean(\"{n}\")"),
        "u32" => format!("a.count(\"{n}\")"),
        "strings" => format!("a.list(\"{n}\")"),
        "json" => format!("(!a.is_absent(\"{n}\")).then(|| a.json(\"{n}\")).transpose()?"),
        t if t.starts_with("enum:") => format!(
            "non_empty(a, \"{n}\").map(nango_core::models::{}::from)",
            &t[5..]
        ),
        other => {
            return Err(format!(
                "{}: `{}` of type `{other}` needs a `wasm` reader",
                op.name, a.name
            ))
        }
    })
}

/// `crates/nango-wasm/js/nango.gen.js`: `template` (`js/nango.in.js`) with the
/// methods of every `js` entry in place of its `// @operations` line.
pub fn class(groups: &[Group], template: &str) -> Result<String, String> {
    const MARK: &str = "  // @operations\n";
    if template.matches(MARK).count() != 1 {
        return Err("js/nango.in.js has no single `  // @operations` line".into());
    }
    let mut methods = String::new();
    for group in groups {
        writeln!(methods, "  // {}\n", group.title).unwrap();
        for op in &group.operation {
            for js in &op.js {
                let params = if js.params.trim().is_empty() {
                    "options".to_owned()
                } else {
                    format!("{}, options", js.params)
                };
                let asyncness = if js.sync { "" } else { "async " };
                writeln!(methods, "  {asyncness}{}({params}) {{", js.method).unwrap();
                match &js.body {
                    Some(body) => methods.push_str(&reindent(body, "    ")),
                    None => {
                        let args = js
                            .args
                            .clone()
                            .unwrap_or_else(|| format!("{{ {} }}", js.params));
                        let args = if js.params.trim().is_empty() && js.args.is_none() {
                            "{}".into()
                        } else {
                            args
                        };
                        writeln!(
                            methods,
                            "    return this.#send('{}', {args}, '{}', options);",
                            op.name,
                            js.shape.as_deref().unwrap_or("json")
                        )
                        .unwrap();
                    }
                }
                methods.push_str("  }\n\n");
            }
        }
    }
    let methods = methods.trim_end().to_owned() + "\n";
    Ok(header("//", None) + &template.replace(MARK, &methods))
}

/// `crates/nango-wasm/src/methods.gen.d.ts`.
pub fn declarations(groups: &[Group]) -> String {
    let mut out = header("//", None);
    out.push_str(
        "/** The methods of `Nango` that call the Nango API, with the official SDK's names and arguments. */\n\
         export interface NangoOperations {\n",
    );
    let mut first = true;
    for group in groups {
        if !first {
            out.push('\n');
        }
        first = false;
        writeln!(out, "  // {}", group.title).unwrap();
        for op in &group.operation {
            for js in &op.js {
                out.push_str(js.ts.trim_end_matches('\n').trim_start_matches('\n'));
                out.push('\n');
            }
        }
    }
    out.push_str("}\n");
    out
}

/// `text` with its common indentation replaced by `prefix` (blank lines kept empty).
fn reindent(text: &str, prefix: &str) -> String {
    let lines: Vec<&str> = text.trim_matches('\n').lines().collect();
    let common = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for line in lines {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            writeln!(out, "{prefix}{}", &line[common..]).unwrap();
        }
    }
    out
}
