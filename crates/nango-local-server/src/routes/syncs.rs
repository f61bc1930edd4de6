//! Syncs: trigger, start, pause, status, frequency override, variants. Running a sync
//! counts the cached record changes since its last run and sends a `sync` webhook.

use axum::extract::{Path, RawQuery, State};
use axum::Extension;
use serde_json::{json, Map, Value};

use crate::auth::Auth;
use crate::error::{ok, p, ApiError, ApiResult, Issue};
use crate::routes::records::unknown_connection;
use crate::routes::{env_mut, env_ref};
use crate::state::{App, Environment, FnKind, SyncKey, SyncState};
use crate::time::{iso_ms, now_ms};
use crate::validate::{Check, JsonBody, Query};
use crate::webhooks;

/// A sync selector: name and variant.
type Target = (String, String);

fn parse_syncs(c: &mut Check) -> Option<Vec<Target>> {
    let v = c.value("syncs")?;
    let Value::Array(items) = v else {
        c.issues.push(crate::validate::type_issue(
            "array",
            Some(v),
            vec![p("syncs")],
        ));
        return None;
    };
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        match it {
            Value::String(s) if !s.is_empty() => out.push((s.clone(), "base".to_string())),
            Value::Object(m) => match m.get("name").and_then(Value::as_str) {
                Some(n) if !n.is_empty() => {
                    let variant = m.get("variant").and_then(Value::as_str).unwrap_or("base");
                    out.push((n.to_string(), variant.to_string()));
                }
                _ => c.issues.push(Issue::new(
                    "invalid_union",
                    "Invalid input",
                    vec![p("syncs"), json!(i)],
                )),
            },
            _ => c.issues.push(Issue::new(
                "invalid_union",
                "Invalid input",
                vec![p("syncs"), json!(i)],
            )),
        }
    }
    Some(out)
}

struct Common {
    pck: String,
    cid: Option<String>,
    syncs: Vec<Target>,
}

fn parse_common<'a>(body: &'a Value, extra: &[&str]) -> Result<(Common, Check<'a>), ApiError> {
    let mut c = Check::new(body);
    let pck = c.nonempty("provider_config_key", true).map(str::to_string);
    let cid = c.str("connection_id", false).map(str::to_string);
    let syncs = parse_syncs(&mut c);
    if c.value("syncs").is_none() {
        c.issues
            .push(crate::validate::type_issue("array", None, vec![p("syncs")]));
    }
    let mut allowed = vec!["provider_config_key", "connection_id", "syncs"];
    allowed.extend_from_slice(extra);
    c.strict(&allowed);
    Ok((
        Common {
            pck: pck.unwrap_or_default(),
            cid: cid.filter(|s| !s.is_empty()),
            syncs: syncs.unwrap_or_default(),
        },
        c,
    ))
}

/// Resolves (connection ids, syncs) for an operation; errors for unknown integration/connection.
fn resolve(env: &Environment, c: &Common) -> Result<(Vec<String>, Vec<Target>), ApiError> {
    let integ = env
        .integration(&c.pck)
        .ok_or_else(ApiError::unknown_integration)?;
    let conns: Vec<String> = match &c.cid {
        Some(cid) => {
            if env.connection(&c.pck, cid).is_none() {
                return Err(unknown_connection());
            }
            vec![cid.clone()]
        }
        None => env
            .connections
            .iter()
            .filter(|x| x.provider_config_key == c.pck)
            .map(|x| x.connection_id.clone())
            .collect(),
    };
    let syncs: Vec<Target> = if c.syncs.is_empty() {
        integ
            .functions
            .iter()
            .filter(|f| f.kind == FnKind::Sync)
            .map(|f| (f.name.clone(), "base".to_string()))
            .collect()
    } else {
        c.syncs
            .iter()
            .filter(|(n, _)| integ.sync(n).is_some())
            .cloned()
            .collect()
    };
    if syncs.is_empty() {
        return Err(ApiError::raw(
            400,
            json!({"error": {"message": "No syncs found given the inputs.", "code": "no_syncs_found", "payload": {}}}),
        ));
    }
    Ok((conns, syncs))
}

/// Runs one sync of one connection now; returns the webhooks to send.
fn run_sync(
    env: &mut Environment,
    pck: &str,
    cid: &str,
    name: &str,
    variant: &str,
    reset: bool,
    empty_cache: bool,
) -> Vec<Value> {
    let models: Vec<String> = env
        .integration(pck)
        .and_then(|i| i.sync(name))
        .map(|f| f.returns.clone())
        .unwrap_or_default();
    let key: SyncKey = (pck.into(), cid.into(), name.into(), variant.into());
    if variant != "base" && !env.syncs.contains_key(&key) {
        return Vec::new();
    }
    if empty_cache {
        for m in &models {
            env.records.remove(&(
                pck.to_string(),
                cid.to_string(),
                m.clone(),
                variant.to_string(),
            ));
        }
    }
    let start = now_ms();
    let mut results = Map::new();
    let mut changes_by_model = Vec::new();
    let mut seen_updates = Vec::new();
    let prev_seen = env
        .syncs
        .get(&key)
        .map(|s| s.seen.clone())
        .unwrap_or_default();
    for m in &models {
        let set = env.records.get(&(
            pck.to_string(),
            cid.to_string(),
            m.clone(),
            variant.to_string(),
        ));
        let since = if reset {
            0
        } else {
            prev_seen.get(m).copied().unwrap_or(0)
        };
        let ch = set.map(|s| s.changes_since(since)).unwrap_or_default();
        seen_updates.push((m.clone(), set.map(|s| s.next_seq()).unwrap_or(0)));
        results.insert(
            m.clone(),
            json!({"added": ch.added, "updated": ch.updated, "deleted": ch.deleted}),
        );
        changes_by_model.push((m.clone(), ch));
    }
    let state = env.syncs.entry(key).or_default();
    if reset {
        state.checkpoint = Value::Null;
        state.runs = 0;
    }
    for (m, s) in seen_updates {
        state.seen.insert(m, s);
    }
    state.runs += 1;
    state.finished_ms = Some(now_ms());
    state.latest_result = Value::Object(results);
    if state.status != "PAUSED" {
        state.status = "SUCCESS".into();
    }
    let sync_type = if state.runs == 1 {
        "INITIAL"
    } else {
        "INCREMENTAL"
    };
    changes_by_model
        .into_iter()
        .map(|(m, ch)| {
            json!({
                "type": "sync",
                "from": "nango",
                "connectionId": cid,
                "providerConfigKey": pck,
                "syncName": name,
                "syncVariant": variant,
                "model": m,
                "syncType": sync_type,
                "success": true,
                "modifiedAfter": iso_ms(start),
                "queryTimeStamp": iso_ms(start),
                "responseResults": {"added": ch.added, "updated": ch.updated, "deleted": ch.deleted},
            })
        })
        .collect()
}

/// Runs each of `syncs` on each connection of `conns` that `admit` lets through
/// (it sees the sync's key and may update its state), with `(reset, empty_cache)`;
/// returns the webhooks to send, each with its connection's URL override.
fn run_all(
    env: &mut Environment,
    pck: &str,
    conns: &[String],
    syncs: &[Target],
    (reset, empty_cache): (bool, bool),
    mut admit: impl FnMut(&mut Environment, &SyncKey) -> bool,
) -> Vec<(Value, Option<String>)> {
    let mut hooks = Vec::new();
    for cid in conns {
        let url = env
            .connection(pck, cid)
            .and_then(|c| c.webhook_url_override.clone());
        for (name, variant) in syncs {
            let key: SyncKey = (pck.to_owned(), cid.clone(), name.clone(), variant.clone());
            if !admit(env, &key) {
                continue;
            }
            for h in run_sync(env, pck, cid, name, variant, reset, empty_cache) {
                hooks.push((h, url.clone()));
            }
        }
    }
    hooks
}

fn send_all(app: &App, env_id: i64, hooks: Vec<(Value, Option<String>)>) {
    for (h, url) in hooks {
        webhooks::dispatch(app, env_id, &h, url);
    }
}

/// `POST /sync/trigger` with `{syncs, provider_config_key, connection_id?, opts?, sync_mode?}`.
pub async fn trigger(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let (common, mut c) = parse_common(&body, &["opts", "sync_mode"])?;
    let mut reset = false;
    let mut empty_cache = false;
    if let Some(o) = c.value("opts") {
        if !o.is_null() {
            let mut oc = Check::at(o, vec![p("opts")]);
            reset = oc.bool("reset", false).unwrap_or(false);
            empty_cache = oc.bool("emptyCache", false).unwrap_or(false);
            oc.strict(&["reset", "emptyCache"]);
            if empty_cache && !reset {
                oc.custom(
                    Some("emptyCache"),
                    "emptyCache must be used with reset=true",
                );
            }
            oc.merge_into(&mut c.issues);
        }
    }
    match c.str("sync_mode", false) {
        Some("full_refresh") => reset = true,
        Some("full_refresh_and_clear_cache") => {
            reset = true;
            empty_cache = true;
        }
        Some("incremental") | None => {}
        Some(_) => c.custom(
            Some("sync_mode"),
            "Invalid option: expected one of \"incremental\"|\"full_refresh\"|\"full_refresh_and_clear_cache\"",
        ),
    }
    c.finish()?;
    let hooks = {
        let mut st = app.st();
        let env = env_mut(&mut st, auth.env_id)?;
        let (conns, syncs) = resolve(env, &common)?;
        run_all(
            env,
            &common.pck,
            &conns,
            &syncs,
            (reset, empty_cache),
            |_, _| true,
        )
    };
    send_all(&app, auth.env_id, hooks);
    Ok(ok(json!({ "success": true })))
}

/// `POST /sync/start`: unpauses and runs the syncs.
pub async fn start(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let (common, c) = parse_common(&body, &[])?;
    c.finish()?;
    let hooks = {
        let mut st = app.st();
        let env = env_mut(&mut st, auth.env_id)?;
        let (conns, syncs) = resolve(env, &common)?;
        // Only paused (or never run) schedules start; a running one is left alone.
        run_all(
            env,
            &common.pck,
            &conns,
            &syncs,
            (false, false),
            |env, key| {
                let running = matches!(
                    env.syncs.get(key).map(|s| s.status.as_str()),
                    Some("SUCCESS") | Some("RUNNING") | Some("ERROR")
                );
                if running {
                    return false;
                }
                if let Some(s) = env.syncs.get_mut(key) {
                    s.status = "SUCCESS".into();
                }
                true
            },
        )
    };
    send_all(&app, auth.env_id, hooks);
    Ok(ok(json!({ "success": true })))
}

/// `POST /sync/pause`.
pub async fn pause(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let (common, c) = parse_common(&body, &[])?;
    c.finish()?;
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    let (conns, syncs) = resolve(env, &common)?;
    for cid in &conns {
        for (name, variant) in &syncs {
            let key: SyncKey = (
                common.pck.clone(),
                cid.clone(),
                name.clone(),
                variant.clone(),
            );
            if variant != "base" && !env.syncs.contains_key(&key) {
                continue;
            }
            env.syncs.entry(key).or_default().status = "PAUSED".into();
        }
    }
    Ok(ok(json!({ "success": true })))
}

/// Parses a frequency (`every hour`, `30 minutes`, `1h`, `every 2 days`) into seconds.
pub fn parse_frequency(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase();
    let s = s.strip_prefix("every").map(str::trim).unwrap_or(&s);
    let digits: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let unit = s[digits.len()..].trim();
    let n: f64 = if digits.is_empty() {
        if unit == "half hour" {
            return Some(1800);
        }
        1.0
    } else {
        digits.parse().ok()?
    };
    let mult = match unit {
        "ms" | "msec" | "msecs" | "millisecond" | "milliseconds" => 0.001,
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86_400.0,
        "w" | "week" | "weeks" => 604_800.0,
        "y" | "yr" | "yrs" | "year" | "years" => 31_557_600.0,
        _ => return None,
    };
    Some((n * mult) as u64)
}

fn status_json(
    env: &Environment,
    pck: &str,
    cid: &str,
    name: &str,
    variant: &str,
    st: Option<&SyncState>,
) -> Value {
    let func = env.integration(pck).and_then(|i| i.sync(name));
    let models = func.map(|f| f.returns.clone()).unwrap_or_default();
    let default = SyncState::default();
    let s = st.unwrap_or(&default);
    let frequency = s
        .frequency
        .clone()
        .or_else(|| func.and_then(|f| f.runs.clone()));
    let mut counts = Map::new();
    for m in &models {
        let n = env
            .records
            .get(&(
                pck.to_string(),
                cid.to_string(),
                m.clone(),
                variant.to_string(),
            ))
            .map(|r| r.live_count())
            .unwrap_or(0);
        counts.insert(m.clone(), json!(n));
    }
    let next = match (
        s.status.as_str(),
        s.finished_ms,
        frequency.as_deref().and_then(parse_frequency),
    ) {
        ("PAUSED" | "STOPPED", _, _) => None,
        (_, Some(f), Some(secs)) => Some(iso_ms(
            f.saturating_add((secs.min(i64::MAX as u64 / 1000) as i64).saturating_mul(1000)),
        )),
        _ => None,
    };
    let mut v = json!({
        "id": s.id,
        "connection_id": cid,
        "name": name,
        "status": s.status,
        "type": if s.runs == 0 { Value::Null } else if s.runs == 1 { json!("INITIAL") } else { json!("INCREMENTAL") },
        "finishedAt": s.finished_ms.map(iso_ms),
        "nextScheduledSyncAt": next,
        "frequency": frequency,
        "latestResult": s.latest_result,
        "recordCount": counts,
        "checkpoint": s.checkpoint,
    });
    if variant != "base" {
        v["variant"] = json!(variant);
    }
    v
}

/// `GET /sync/status?provider_config_key=&syncs=*|a,b::variant&connection_id=`.
pub async fn status(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&["provider_config_key", "syncs", "connection_id"])?;
    let mut issues = Vec::new();
    let pck = q.required("provider_config_key", &mut issues);
    let syncs = q.required("syncs", &mut issues);
    if !issues.is_empty() {
        return Err(ApiError::invalid_query(&issues));
    }
    let (pck, syncs) = (pck.unwrap_or_default(), syncs.unwrap_or_default());
    let st = app.st();
    let env = env_ref(&st, auth.env_id)?;
    let integ = env
        .integration(&pck)
        .ok_or_else(ApiError::unknown_integration)?;
    let conns: Vec<String> = match q.get("connection_id").filter(|s| !s.is_empty()) {
        Some(cid) => {
            if env.connection(&pck, cid).is_none() {
                return Err(unknown_connection());
            }
            vec![cid.to_string()]
        }
        None => env
            .connections
            .iter()
            .filter(|c| c.provider_config_key == pck)
            .map(|c| c.connection_id.clone())
            .collect(),
    };
    let mut out = Vec::new();
    for cid in &conns {
        let mut targets: Vec<Target> = Vec::new();
        if syncs.trim() == "*" {
            for f in integ.functions.iter().filter(|f| f.kind == FnKind::Sync) {
                targets.push((f.name.clone(), "base".into()));
                let mut variants: Vec<String> = env
                    .syncs
                    .keys()
                    .filter(|k| k.0 == pck && &k.1 == cid && k.2 == f.name && k.3 != "base")
                    .map(|k| k.3.clone())
                    .collect();
                variants.sort();
                targets.extend(variants.into_iter().map(|v| (f.name.clone(), v)));
            }
        } else {
            for s in syncs.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let (n, v) = s.split_once("::").unwrap_or((s, "base"));
                targets.push((n.to_string(), v.to_string()));
            }
        }
        for (name, variant) in targets {
            if integ.sync(&name).is_none() {
                continue;
            }
            let key: SyncKey = (pck.clone(), cid.clone(), name.clone(), variant.clone());
            let state = env.syncs.get(&key);
            if variant != "base" && state.is_none() {
                continue;
            }
            out.push(status_json(env, &pck, cid, &name, &variant, state));
        }
    }
    Ok(ok(json!({ "syncs": out })))
}

/// `PUT /sync/update-connection-frequency`.
pub async fn update_frequency(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let pck = c.nonempty("provider_config_key", true).map(str::to_string);
    let cid = c.nonempty("connection_id", true).map(str::to_string);
    let name = c.nonempty("sync_name", true).map(str::to_string);
    let variant = c.str("sync_variant", false).unwrap_or("base").to_string();
    let freq: Option<Option<String>> = match c.value("frequency") {
        Some(Value::Null) => Some(None),
        Some(Value::String(s)) => match parse_frequency(s) {
            Some(secs) if secs >= 30 => Some(Some(s.clone())),
            Some(_) => {
                c.custom(
                    Some("frequency"),
                    "Sync interval is too short. The minimum interval is 30 seconds.",
                );
                None
            }
            None => {
                c.custom(
                    Some("frequency"),
                    "Sync interval is invalid. The interval should be a time unit.",
                );
                None
            }
        },
        other => {
            c.issues.push(crate::validate::type_issue(
                "string",
                other,
                vec![p("frequency")],
            ));
            None
        }
    };
    c.strict(&[
        "provider_config_key",
        "connection_id",
        "sync_name",
        "sync_variant",
        "frequency",
    ]);
    c.finish()?;
    let (pck, cid, name, freq) = (
        pck.unwrap_or_default(),
        cid.unwrap_or_default(),
        name.unwrap_or_default(),
        freq.unwrap_or(None),
    );
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    let integ = env
        .integration(&pck)
        .ok_or_else(ApiError::unknown_integration)?;
    let default = integ
        .sync(&name)
        .ok_or_else(|| ApiError::msg(400, "unknown_sync", format!("Sync {name} not found")))?
        .runs
        .clone();
    if env.connection(&pck, &cid).is_none() {
        return Err(unknown_connection());
    }
    let key: SyncKey = (pck, cid, name, variant);
    let s = env.syncs.entry(key).or_default();
    s.frequency = freq.clone();
    Ok(ok(json!({ "frequency": freq.or(default) })))
}

fn variant_params(name: &str, variant: &str) -> Result<(), ApiError> {
    let ok_chars = |s: &str| {
        !s.is_empty()
            && s.len() <= 255
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let mut issues = Vec::new();
    if !ok_chars(name) {
        issues.push(Issue::new(
            "invalid_format",
            "Invalid string: must match pattern /^[a-zA-Z0-9_-]+$/",
            vec![p("name")],
        ));
    }
    if !ok_chars(variant) {
        issues.push(Issue::new(
            "invalid_format",
            "Invalid string: must match pattern /^[a-zA-Z0-9_-]+$/",
            vec![p("variant")],
        ));
    }
    if !issues.is_empty() {
        return Err(ApiError::invalid_uri(&issues));
    }
    if variant.eq_ignore_ascii_case("base") {
        return Err(ApiError::msg(
            400,
            "invalid_variant",
            "Variant name \"base\" is protected",
        ));
    }
    Ok(())
}

fn variant_body(body: &Value) -> Result<(String, String), ApiError> {
    let mut c = Check::new(body);
    let pck = c.nonempty("provider_config_key", true).map(str::to_string);
    let cid = c.nonempty("connection_id", true).map(str::to_string);
    c.strict(&["provider_config_key", "connection_id"]);
    c.finish()?;
    Ok((pck.unwrap_or_default(), cid.unwrap_or_default()))
}

/// `POST /sync/{name}/variant/{variant}`.
pub async fn create_variant(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path((name, variant)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    variant_params(&name, &variant)?;
    let (pck, cid) = variant_body(&body)?;
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    let integ = env
        .integration(&pck)
        .ok_or_else(|| ApiError::msg(400, "unknown_provider_config", "Integration not found"))?;
    if integ.sync(&name).is_none() {
        return Err(ApiError::msg(
            400,
            "unknown_sync",
            format!("Sync {name} not found"),
        ));
    }
    if env.connection(&pck, &cid).is_none() {
        return Err(unknown_connection());
    }
    let key: SyncKey = (pck, cid, name.clone(), variant.clone());
    if env.syncs.contains_key(&key) {
        return Err(ApiError::msg(
            400,
            "sync_variant_already_exists",
            "Sync variant already exists",
        ));
    }
    let state = SyncState {
        is_custom_variant: true,
        status: "SUCCESS".into(),
        ..Default::default()
    };
    let id = state.id.clone();
    env.syncs.insert(key, state);
    Ok(ok(json!({ "id": id, "name": name, "variant": variant })))
}

/// `DELETE /sync/{name}/variant/{variant}` (JSON body).
pub async fn delete_variant(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path((name, variant)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    variant_params(&name, &variant)?;
    let (pck, cid) = variant_body(&body)?;
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    if env.connection(&pck, &cid).is_none() {
        return Err(unknown_connection());
    }
    let key: SyncKey = (pck.clone(), cid.clone(), name.clone(), variant.clone());
    if env.syncs.remove(&key).is_none() {
        return Err(ApiError::code(404, "not_found"));
    }
    let models: Vec<String> = env
        .integration(&pck)
        .and_then(|i| i.sync(&name))
        .map(|f| f.returns.clone())
        .unwrap_or_default();
    for m in models {
        env.records
            .remove(&(pck.clone(), cid.clone(), m, variant.clone()));
    }
    Ok(ok(json!({ "success": true })))
}
