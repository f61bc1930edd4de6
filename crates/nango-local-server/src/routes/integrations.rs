//! `/integrations` CRUD and `/integrations/quickstart`.

use axum::extract::{Path, RawQuery, State};
use axum::Extension;
use serde_json::{json, Map, Value};

use crate::auth::Auth;
use crate::catalogue;
use crate::error::{ok, p, ApiError, ApiResult, Issue};
use crate::routes::{env_mut, env_ref};
use crate::state::{
    App, Environment, FnKind, Function, Integration, State as Data, BUILTIN_ACTIONS,
};
use crate::time::now_ms;
use crate::validate::{Check, JsonBody, Query};

/// 404 for an unknown integration key on `/integrations/{key}`.
pub fn integration_not_found() -> ApiError {
    ApiError::not_found("Integration does not exist")
}

/// The functions every new integration gets: the built-in actions and an `items` sync.
pub fn default_functions(st: &mut Data) -> Vec<Function> {
    let mut out = Vec::new();
    for (name, desc) in BUILTIN_ACTIONS {
        let id = st.id();
        out.push(Function::new(id, name, FnKind::Action, desc, &[]));
    }
    let id = st.id();
    out.push(Function::new(
        id,
        "items",
        FnKind::Sync,
        "Syncs Item records",
        &["Item"],
    ));
    out
}

/// Creates an integration (used by the API and by seeds).
pub fn insert_integration(
    st: &mut Data,
    env_id: i64,
    key: &str,
    provider: &str,
    display_name: Option<&str>,
    credentials: Option<Value>,
    forward_webhooks: Option<bool>,
) -> Result<Integration, ApiError> {
    let functions = default_functions(st);
    let env = env_mut(st, env_id)?;
    if env.integration(key).is_some() {
        return Err(duplicate_key());
    }
    let prov = catalogue::get(provider).ok_or_else(unknown_provider_issue)?;
    let now = now_ms();
    let integ = Integration {
        unique_key: key.to_string(),
        provider: provider.to_string(),
        display_name: display_name.unwrap_or(prov.display_name).to_string(),
        created_ms: now,
        updated_ms: now,
        forward_webhooks: forward_webhooks.unwrap_or(true),
        credentials,
        integration_config: None,
        custom: None,
        functions,
    };
    env.integrations.push(integ.clone());
    Ok(integ)
}

fn duplicate_key() -> ApiError {
    ApiError::invalid_body(&[Issue::new(
        "invalid_string",
        "Unique key already exists",
        vec![p("uniqueKey")],
    )])
}

fn unknown_provider_issue() -> ApiError {
    ApiError::invalid_body(&[Issue::new(
        "invalid_string",
        "Invalid provider",
        vec![p("provider")],
    )])
}

fn check_key(c: &mut Check, field: &str, required: bool) -> Option<String> {
    let k = c.nonempty(field, required)?;
    let valid = k.len() <= 255
        && k.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || "~:.@ _-".contains(ch));
    if !valid {
        c.issues.push(Issue::new(
            "invalid_format",
            "Invalid string: must match pattern /^[a-zA-Z0-9~:.@ _-]+$/",
            vec![p(field)],
        ));
        return None;
    }
    Some(k.to_string())
}

fn check_credentials(c: &mut Check) -> Option<Value> {
    let v = c.value("credentials")?;
    let mut cc = Check::at(v, vec![p("credentials")]);
    let ty = cc.str("type", true);
    match ty {
        Some("OAUTH1") | Some("OAUTH2") | Some("TBA") => {
            cc.nonempty("client_id", true);
            cc.nonempty("client_secret", true);
            if let Some(s) = cc.value("scopes") {
                if !s.is_null() {
                    cc.str("scopes", false);
                }
            }
            if let Some(s) = cc.value("webhook_secret") {
                if !s.is_null() {
                    cc.str("webhook_secret", false);
                }
            }
            cc.strict(&[
                "type",
                "client_id",
                "client_secret",
                "scopes",
                "webhook_secret",
            ]);
        }
        Some("APP") => {
            cc.nonempty("app_id", true);
            cc.nonempty("app_link", true);
            cc.nonempty("private_key", true);
            cc.strict(&["type", "app_id", "app_link", "private_key"]);
        }
        Some("CUSTOM") => {
            for k in [
                "client_id",
                "client_secret",
                "app_id",
                "app_link",
                "private_key",
            ] {
                cc.nonempty(k, true);
            }
            cc.strict(&[
                "type",
                "client_id",
                "client_secret",
                "app_id",
                "app_link",
                "private_key",
            ]);
        }
        Some(_) => cc.custom(
            Some("type"),
            "Invalid input: expected one of \"OAUTH1\"|\"OAUTH2\"|\"TBA\"|\"APP\"|\"CUSTOM\"",
        ),
        None => {}
    }
    let ok = cc.issues.is_empty();
    cc.merge_into(&mut c.issues);
    ok.then(|| v.clone())
}

fn string_record(c: &mut Check, key: &str) -> Option<Value> {
    let m = c.object(key, false)?;
    for (k, v) in m {
        if !v.is_string() {
            c.issues.push(crate::validate::type_issue(
                "string",
                Some(v),
                vec![p(key), p(k)],
            ));
        }
    }
    Some(Value::Object(m.clone()))
}

/// Public credentials view (`include=credentials`).
fn credentials_view(c: &Option<Value>) -> Value {
    let Some(Value::Object(m)) = c else {
        return Value::Null;
    };
    let get = |k: &str| m.get(k).cloned().unwrap_or(Value::Null);
    match m.get("type").and_then(Value::as_str) {
        Some("APP") => {
            json!({"type": "APP", "app_id": get("app_id"), "private_key": get("private_key"), "app_link": get("app_link")})
        }
        Some("CUSTOM") => {
            json!({"type": "CUSTOM", "client_id": get("client_id"), "client_secret": get("client_secret"), "app_id": get("app_id"), "app_link": get("app_link"), "private_key": get("private_key")})
        }
        Some(t) => {
            json!({"type": t, "client_id": get("client_id"), "client_secret": get("client_secret"), "scopes": get("scopes"), "webhook_secret": get("webhook_secret")})
        }
        None => Value::Null,
    }
}

/// `GET /integrations`.
pub async fn list(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let st = app.st();
    let env = env_ref(&st, auth.env_id)?;
    let data: Vec<Value> = env.integrations.iter().map(Integration::to_json).collect();
    Ok(ok(json!({ "data": data })))
}

fn create_common(app: &App, auth: Auth, body: &Value, quickstart: bool) -> ApiResult {
    let mut c = Check::new(body);
    let key = check_key(&mut c, "unique_key", true);
    let provider = c.nonempty("provider", true).map(str::to_string);
    let display_name = c.str("display_name", false).map(str::to_string);
    if let Some(d) = &display_name {
        if d.is_empty() || d.chars().count() > 255 {
            c.custom(
                Some("display_name"),
                "Display name must be between 1 and 255 characters",
            );
        }
    }
    let fw = c.bool("forward_webhooks", false);
    let (creds, config, custom) = if quickstart {
        c.strict(&["unique_key", "provider", "display_name", "forward_webhooks"]);
        (None, None, None)
    } else {
        let creds = check_credentials(&mut c);
        let config = string_record(&mut c, "integration_config");
        let custom = string_record(&mut c, "custom");
        c.strict(&[
            "unique_key",
            "provider",
            "display_name",
            "forward_webhooks",
            "credentials",
            "integration_config",
            "custom",
        ]);
        (creds, config, custom)
    };
    if let Some(pv) = &provider {
        if catalogue::get(pv).is_none() {
            c.issues.push(Issue::new(
                "invalid_string",
                "Invalid provider",
                vec![p("provider")],
            ));
        }
    }
    c.finish()?;
    let (Some(key), Some(provider)) = (key, provider) else {
        return Err(ApiError::invalid_body(&[]));
    };
    let mut st = app.st();
    let mut integ = insert_integration(
        &mut st,
        auth.env_id,
        &key,
        &provider,
        display_name.as_deref(),
        creds,
        fw,
    )?;
    if config.is_some() || custom.is_some() {
        let env = env_mut(&mut st, auth.env_id)?;
        if let Some(i) = env.integration_mut(&key) {
            i.integration_config = config;
            i.custom = custom;
            integ = i.clone();
        }
    }
    Ok(ok(json!({ "data": integ.to_json() })))
}

/// `POST /integrations`.
pub async fn create(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    create_common(&app, auth, &body, false)
}

/// `POST /integrations/quickstart`.
pub async fn quickstart(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    create_common(&app, auth, &body, true)
}

fn full_json(
    app: &App,
    env: &Environment,
    i: &Integration,
    webhook: bool,
    credentials: bool,
) -> Value {
    let mut v = i.to_json();
    if let Some(m) = v.as_object_mut() {
        if webhook {
            m.insert(
                "webhook_url".into(),
                json!(format!(
                    "{}/webhook/{}/{}",
                    app.base_url, env.uuid, i.unique_key
                )),
            );
        }
        if credentials {
            m.insert("credentials".into(), credentials_view(&i.credentials));
        }
    }
    v
}

/// `GET /integrations/{key}?include=webhook&include=credentials`.
pub async fn get_one(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path(key): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&["include"])?;
    let mut webhook = false;
    let mut credentials = false;
    let mut issues = Vec::new();
    for (i, v) in q
        .all("include")
        .iter()
        .flat_map(|v| v.split(','))
        .enumerate()
    {
        match v.trim() {
            "webhook" => webhook = true,
            "credentials" => credentials = true,
            _ => issues.push(Issue::new(
                "invalid_value",
                "Invalid option: expected one of \"webhook\"|\"credentials\"",
                vec![p("include"), json!(i)],
            )),
        }
    }
    if !issues.is_empty() {
        return Err(ApiError::invalid_query(&issues));
    }
    let st = app.st();
    let env = env_ref(&st, auth.env_id)?;
    let i = env.integration(&key).ok_or_else(integration_not_found)?;
    Ok(ok(
        json!({ "data": full_json(&app, env, i, webhook, credentials) }),
    ))
}

/// `PATCH /integrations/{key}`.
pub async fn patch(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path(key): Path<String>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let new_key = check_key(&mut c, "unique_key", false);
    let display_name = c.str("display_name", false).map(str::to_string);
    let fw = c.bool("forward_webhooks", false);
    let creds = check_credentials(&mut c);
    let config = string_record(&mut c, "integration_config");
    let custom = string_record(&mut c, "custom");
    c.strict(&[
        "unique_key",
        "display_name",
        "forward_webhooks",
        "credentials",
        "integration_config",
        "custom",
    ]);
    c.finish()?;
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    if env.integration(&key).is_none() {
        return Err(integration_not_found());
    }
    if let Some(nk) = &new_key {
        if *nk != key {
            if env.integration(nk).is_some() {
                return Err(duplicate_key());
            }
            if env.connections.iter().any(|c| c.provider_config_key == key) {
                return Err(ApiError::invalid_body(&[Issue::new(
                    "custom",
                    "Cannot change the unique_key of an integration that has connections",
                    vec![p("unique_key")],
                )]));
            }
        }
    }
    let Some(i) = env.integration_mut(&key) else {
        return Err(integration_not_found());
    };
    if let Some(nk) = new_key {
        i.unique_key = nk;
    }
    if let Some(d) = display_name {
        i.display_name = d;
    }
    if let Some(f) = fw {
        i.forward_webhooks = f;
    }
    if creds.is_some() {
        i.credentials = creds;
    }
    if let Some(Value::Object(cfg)) = config {
        let mut merged: Map<String, Value> = match i.integration_config.take() {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        };
        merged.extend(cfg);
        i.integration_config = Some(Value::Object(merged));
    }
    if custom.is_some() {
        i.custom = custom;
    }
    i.updated_ms = now_ms();
    Ok(ok(json!({ "data": i.to_json() })))
}

/// `DELETE /integrations/{key}`.
pub async fn delete_one(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path(key): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    let pos = env
        .integrations
        .iter()
        .position(|i| i.unique_key == key)
        .ok_or_else(integration_not_found)?;
    env.integrations.remove(pos);
    env.connections.retain(|c| c.provider_config_key != key);
    env.records.retain(|k, _| k.0 != key);
    env.syncs.retain(|k, _| k.0 != key);
    Ok(ok(json!({ "success": true })))
}
