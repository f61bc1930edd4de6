//! Short import and export names for the package's `.wasm`: `wasm-opt
//! --minify-imports-and-exports-and-modules` renames them (wasm-bindgen's
//! import names carry a 16-digit hash each) and prints the mapping; this module
//! reads that mapping and applies it to the wasm-bindgen glue, which names every
//! import (its import object) and export (`wasm.<name>`).

/// The renames `wasm-opt` printed: imports as `(module, old, new)`, exports as
/// `(old, new)`.
#[derive(Debug, Default, PartialEq)]
pub struct Renames {
    pub imports: Vec<(String, String, String)>,
    pub exports: Vec<(String, String)>,
}

/// The strings between double quotes on `line` (the names never hold a quote).
fn quoted(line: &str) -> Vec<String> {
    line.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Reads the JSON mapping `wasm-opt` prints (one entry per line:
/// `"imports": [ ["module", "old", "new"], ... ], "exports": [ ["old", "new"], ... ]`).
pub fn parse(text: &str) -> Result<Renames, String> {
    let mut renames = Renames::default();
    // Which list the lines are in: `Some(true)` imports, `Some(false)` exports.
    let mut in_imports = None;
    for line in text.lines() {
        match (in_imports, quoted(line).as_slice()) {
            (_, [list]) if list == "imports" => in_imports = Some(true),
            (_, [list]) if list == "exports" => in_imports = Some(false),
            (Some(true), [module, old, new]) => {
                renames
                    .imports
                    .push((module.clone(), old.clone(), new.clone()));
            }
            (Some(false), [old, new]) => renames.exports.push((old.clone(), new.clone())),
            (_, []) => {}
            _ => return Err(format!("wasm-opt's name mapping: unexpected line {line:?}")),
        }
    }
    if renames.imports.is_empty() || renames.exports.is_empty() {
        return Err("wasm-opt printed no name mapping".into());
    }
    Ok(renames)
}

/// A LEB128 unsigned number at `*at`.
fn leb(bytes: &[u8], at: &mut usize) -> Result<usize, String> {
    let mut value = 0usize;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at).ok_or("truncated wasm")?;
        *at += 1;
        value |= usize::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err("bad LEB128 number in the wasm".into())
}

fn name(bytes: &[u8], at: &mut usize) -> Result<String, String> {
    let len = leb(bytes, at)?;
    let text = bytes.get(*at..*at + len).ok_or("truncated wasm")?;
    *at += len;
    String::from_utf8(text.to_vec()).map_err(|_| "a wasm name is not UTF-8".to_owned())
}

/// The one module a wasm module imports from (after `wasm-opt` renamed it).
pub fn module(wasm: &[u8]) -> Result<String, String> {
    let mut modules: Vec<String> = imports(wasm)?.into_iter().map(|(m, _)| m).collect();
    modules.sort_unstable();
    modules.dedup();
    match <[String; 1]>::try_from(modules) {
        Ok([module]) => Ok(module),
        Err(modules) => Err(format!("the wasm imports from {modules:?}, not one module")),
    }
}

/// The `(module, name)` of every import of a wasm module.
fn imports(wasm: &[u8]) -> Result<Vec<(String, String)>, String> {
    if wasm.get(..4) != Some(b"\0asm") {
        return Err("not a wasm module".into());
    }
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = leb(wasm, &mut at)?;
        let end = at + size;
        if id == 2 {
            let mut out = Vec::new();
            for _ in 0..leb(wasm, &mut at)? {
                let module = name(wasm, &mut at)?;
                let field = name(wasm, &mut at)?;
                let kind = *wasm.get(at).ok_or("truncated wasm")?;
                at += 1;
                match kind {
                    // function (type index), global (type, mutability), tag (attribute, type)
                    0 => drop(leb(wasm, &mut at)?),
                    3 | 4 => at += 2,
                    // table (reference type, limits), memory (limits)
                    1 | 2 => {
                        if kind == 1 {
                            at += 1;
                        }
                        let flags = leb(wasm, &mut at)?;
                        leb(wasm, &mut at)?;
                        if flags & 1 == 1 {
                            leb(wasm, &mut at)?;
                        }
                    }
                    _ => return Err(format!("unknown import kind {kind}")),
                }
                out.push((module, field));
            }
            return Ok(out);
        }
        at = end;
    }
    Ok(Vec::new())
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// `text` with every whole-identifier occurrence of `old` replaced by `new`; how
/// many there were.
fn replace_ident(text: &str, old: &str, new: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while let Some(i) = rest.find(old) {
        let before = rest[..i].chars().last().or_else(|| out.chars().last());
        let after = rest[i + old.len()..].chars().next();
        out.push_str(&rest[..i]);
        if before.is_some_and(is_ident) || after.is_some_and(is_ident) {
            out.push_str(old);
        } else {
            out.push_str(new);
            count += 1;
        }
        rest = &rest[i + old.len()..];
    }
    out.push_str(rest);
    (out, count)
}

/// The glue `js` with the renamed imports (keys of its import object, and the
/// module name, now `module`) and exports (`wasm.<name>`). Refuses a glue that
/// does not name every import exactly once, or still names an old export.
pub fn apply(js: &str, renames: &Renames, module: &str) -> Result<String, String> {
    let mut js = js.to_owned();
    let mut modules: Vec<&str> = renames.imports.iter().map(|(m, ..)| m.as_str()).collect();
    modules.sort_unstable();
    modules.dedup();
    let [old_module] = modules.as_slice() else {
        return Err(format!(
            "the wasm imports from {} modules, not one",
            modules.len()
        ));
    };
    let quoted_module = format!("\"{old_module}\"");
    if js.matches(&quoted_module).count() != 1 {
        return Err(format!("the glue does not name {quoted_module} once"));
    }
    js = js.replace(&quoted_module, &format!("\"{module}\""));
    for (_, old, new) in &renames.imports {
        let (next, count) = replace_ident(&js, old, new);
        if count != 1 {
            return Err(format!("the glue names the import {old} {count} times"));
        }
        js = next;
    }
    rename_exports(&js, renames)
}

/// `js` with each `wasm.<name>` renamed, in one pass (a new name is never
/// renamed again); refuses a name the wasm does not export.
fn rename_exports(js: &str, renames: &Renames) -> Result<String, String> {
    const PREFIX: &str = "wasm.";
    let mut out = String::with_capacity(js.len());
    let mut rest = js;
    while let Some(i) = rest.find(PREFIX) {
        let before = rest[..i].chars().last().or_else(|| out.chars().last());
        out.push_str(&rest[..i + PREFIX.len()]);
        rest = &rest[i + PREFIX.len()..];
        if before.is_some_and(is_ident) {
            continue;
        }
        let len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        let name = &rest[..len];
        if name.is_empty() {
            continue;
        }
        let (_, new) = renames
            .exports
            .iter()
            .find(|(old, _)| old == name)
            .ok_or_else(|| format!("the glue names wasm.{name}, which the wasm does not export"))?;
        out.push_str(new);
        rest = &rest[len..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = r#"{
 "imports": [
  ["./x_bg.js", "__wbg_push_c9f4893fc209f768", "a"],
  ["./x_bg.js", "__wbg_new_37eb45aaf5eeb820", "b"]
 ],
 "exports": [
  ["memory", "c"],
  ["core_new", "d"],
  ["core_new_2", "e"]
 ]
}"#;

    #[test]
    fn the_mapping_is_read() {
        let r = parse(MAP).unwrap();
        assert_eq!(r.imports.len(), 2);
        assert_eq!(r.imports[1].1, "__wbg_new_37eb45aaf5eeb820");
        assert_eq!(r.exports[2], ("core_new_2".into(), "e".into()));
        assert!(parse("{}").is_err());
        assert!(parse(r#"{"imports": [["a", "b"]]}"#).is_err());
    }

    #[test]
    fn the_glue_is_renamed_by_whole_names() {
        let js = r#"const import0 = { __wbg_push_c9f4893fc209f768: function(a) {}, __wbg_new_37eb45aaf5eeb820: function() {} };
return { "./x_bg.js": import0 };
wasm.core_new(1); wasm.core_new_2(2); wasm.memory.buffer; notwasm.core_new;"#;
        let out = apply(js, &parse(MAP).unwrap(), "z").unwrap();
        assert!(
            out.contains("{ a: function(a) {}, b: function() {} }"),
            "{out}"
        );
        assert!(out.contains(r#"{ "z": import0 }"#), "{out}");
        assert!(
            out.contains("wasm.d(1); wasm.e(2); wasm.c.buffer; notwasm.core_new;"),
            "{out}"
        );
    }

    #[test]
    fn a_glue_that_does_not_match_is_refused() {
        let r = parse(MAP).unwrap();
        let missing = r#"{ __wbg_push_c9f4893fc209f768: 1 } "./x_bg.js""#;
        assert!(apply(missing, &r, "z").is_err());
        let no_module = "{ __wbg_push_c9f4893fc209f768: 1, __wbg_new_37eb45aaf5eeb820: 2 }";
        assert!(apply(no_module, &r, "z").is_err());
        let unknown_export = r#"{ __wbg_push_c9f4893fc209f768: 1, __wbg_new_37eb45aaf5eeb820: 2 } "./x_bg.js" wasm.gone();"#;
        assert!(apply(unknown_export, &r, "z").is_err());
    }

    #[test]
    fn a_new_export_name_is_not_renamed_again() {
        // `c` is `memory`'s new name and also an old name: each use is renamed once.
        let mut r = parse(MAP).unwrap();
        r.exports.push(("c".into(), "f".into()));
        assert_eq!(
            rename_exports("wasm.memory; wasm.c; wasm. x", &r).unwrap(),
            "wasm.c; wasm.f; wasm. x"
        );
    }

    #[test]
    fn imports_are_read_from_the_binary() {
        // (module (import "m" "f" (func)) (import "m" "mem" (memory 1 2)))
        let wasm = [
            0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, // header
            1, 4, 1, 0x60, 0, 0, // type section: one () -> ()
            2, 16, 2, // import section, 2 imports
            1, b'm', 1, b'f', 0, 0, // func of type 0
            1, b'm', 3, b'm', b'e', b'm', 2, 1, 1, 2, // memory, min 1 max 2
        ];
        assert_eq!(
            imports(&wasm).unwrap(),
            [("m".into(), "f".into()), ("m".into(), "mem".into())]
        );
        assert!(imports(b"nope").is_err());
        assert_eq!(module(&wasm).unwrap(), "m");
    }
}
