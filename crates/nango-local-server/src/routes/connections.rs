//! Connections: list, upsert (`POST /connections`, legacy `POST /connection`), get with
//! credentials, patch, delete.

use std::collections::BTreeMap;

use axum::extract::{Path, RawQuery, State};
use axum::response::IntoResponse;
use axum::Extension;
use serde_json::{json, Map, Value};

use crate::auth::Auth;
use crate::catalogue;
use crate::credentials;
use crate::error::{json_response, ok, p, ApiError, ApiResult, Issue};
use crate::routes::{env_mut, env_ref};
use crate::state::{App, Connection, EndUser, State as Data};
use crate::time::now_ms;
use crate::validate::{type_issue, Check, JsonBody, Query};
use crate::webhooks;

/// 404 for an unknown connection on `GET /connections/{id}`.
pub fn connection_not_found() -> ApiError {
    ApiError::not_found("Failed to find connection")
}

/// Validates a connection id.
pub fn check_connection_id(c: &mut Check, key: &str, required: bool) -> Option<String> {
    let id = c.nonempty(key, required)?;
    if id.chars().count() > 255 {
        c.issues.push(Issue::new(
            "too_big",
            "Too big: expected string to have <=255 characters",
            vec![p(key)],
        ));
        return None;
    }
    Some(id.to_string())
}

/// Parses a deprecated `end_user` object (`{id, email?, display_name?, tags?}`).
pub fn parse_end_user(c: &mut Check) -> Option<EndUser> {
    let v = c.value("end_user")?;
    let mut e = Check::at(v, vec![p("end_user")]);
    let id = e.nonempty("id", true).map(str::to_string);
    let email = e.str("email", false).map(str::to_string);
    let display_name = e.str("display_name", false).map(str::to_string);
    let tags = e.object("tags", false).cloned();
    e.strict(&["id", "email", "display_name", "tags"]);
    let ok = e.issues.is_empty();
    e.merge_into(&mut c.issues);
    if !ok {
        return None;
    }
    Some(EndUser {
        id: id?,
        email,
        display_name,
        tags,
        organization_id: None,
        organization_display_name: None,
    })
}

/// The tags of a connection: derived from the end user, then explicit ones.
pub fn merged_tags(
    end_user: Option<&EndUser>,
    tags: Option<Vec<(String, String)>>,
) -> BTreeMap<String, String> {
    let mut t = end_user.map(EndUser::derived_tags).unwrap_or_default();
    for (k, v) in tags.unwrap_or_default() {
        t.insert(k, v);
    }
    t
}

/// Everything needed to create or overwrite a connection.
pub struct NewConnection {
    /// Integration id.
    pub provider_config_key: String,
    /// Connection id (generated when `None`).
    pub connection_id: Option<String>,
    /// Stored credentials (generated when `None`).
    pub credentials: Option<Value>,
    /// Metadata.
    pub metadata: Map<String, Value>,
    /// Connection config.
    pub connection_config: Map<String, Value>,
    /// Tags.
    pub tags: BTreeMap<String, String>,
    /// Deprecated end user.
    pub end_user: Option<EndUser>,
    /// Webhook URL override.
    pub webhook_url_override: Option<String>,
}

/// Creates or overwrites a connection; returns it and the auth webhook to send.
pub fn upsert_connection(
    st: &mut Data,
    env_id: i64,
    n: NewConnection,
) -> Result<(Connection, Value), ApiError> {
    let new_id = st.id();
    let env = env_mut(st, env_id)?;
    let env_name = env.name.clone();
    let integ = env
        .integration(&n.provider_config_key)
        .ok_or_else(ApiError::unknown_integration)?;
    let provider = integ.provider.clone();
    let auth_mode = catalogue::get(&provider)
        .map(|p| p.auth_mode)
        .unwrap_or("NONE")
        .to_string();
    let cid = n
        .connection_id
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let creds = n
        .credentials
        .unwrap_or_else(|| credentials::generate(&auth_mode));
    let now = now_ms();
    let (conn, operation) = match env.connection_mut(&n.provider_config_key, &cid) {
        Some(c) => {
            c.credentials = creds;
            c.metadata = n.metadata;
            c.connection_config = n.connection_config;
            c.tags = n.tags;
            c.end_user = n.end_user;
            c.webhook_url_override = n.webhook_url_override;
            c.auth_mode = auth_mode.clone();
            c.updated_ms = now;
            (c.clone(), "override")
        }
        None => {
            let c = Connection {
                id: new_id,
                connection_id: cid,
                provider_config_key: n.provider_config_key.clone(),
                provider: provider.clone(),
                auth_mode: auth_mode.clone(),
                credentials: creds,
                metadata: n.metadata,
                connection_config: n.connection_config,
                tags: n.tags,
                end_user: n.end_user,
                webhook_url_override: n.webhook_url_override,
                created_ms: now,
                updated_ms: now,
                last_fetched_ms: None,
            };
            env.connections.push(c.clone());
            (c, "creation")
        }
    };
    let hook = auth_webhook(&conn, &env_name, operation);
    Ok((conn, hook))
}

/// The `auth` webhook body for a connection.
pub fn auth_webhook(c: &Connection, env_name: &str, operation: &str) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!("auth"));
    m.insert("from".into(), json!("nango"));
    m.insert("connectionId".into(), json!(c.connection_id));
    m.insert("providerConfigKey".into(), json!(c.provider_config_key));
    m.insert("provider".into(), json!(c.provider));
    m.insert("authMode".into(), json!(c.auth_mode));
    m.insert("environment".into(), json!(env_name));
    m.insert("operation".into(), json!(operation));
    m.insert("success".into(), json!(true));
    if !c.tags.is_empty() {
        m.insert("tags".into(), json!(c.tags));
    }
    if let Some(eu) = &c.end_user {
        let mut e = Map::new();
        e.insert("endUserId".into(), json!(eu.id));
        if let Some(x) = &eu.email {
            e.insert("endUserEmail".into(), json!(x));
        }
        if let Some(x) = &eu.organization_id {
            e.insert("organizationId".into(), json!(x));
        }
        e.insert(
            "tags".into(),
            Value::Object(eu.tags.clone().unwrap_or_default()),
        );
        m.insert("endUser".into(), Value::Object(e));
    }
    Value::Object(m)
}

/// 424 when an expired token cannot be refreshed.
pub fn refresh_exhausted() -> ApiError {
    ApiError::msg(
        424,
        "connection_refresh_exhausted",
        "The access token expired and could not be refreshed: the connection has no refresh token",
    )
}

/// The failed-refresh `auth` webhook.
pub fn refresh_failed_webhook(c: &Connection, env_name: &str) -> Value {
    let mut v = auth_webhook(c, env_name, "refresh");
    v["success"] = json!(false);
    v["error"] = json!({
        "type": "refresh_token_external_error",
        "description": "The access token expired and there is no refresh token to renew it",
    });
    v
}

/// `GET /connections` (and legacy `GET /connection`).
pub async fn list(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&[
        "connectionId",
        "search",
        "endUserId",
        "endUserOrganizationId",
        "integrationId",
        "tags[",
        "limit",
        "page",
    ])?;
    let mut issues = Vec::new();
    let limit = q.int("limit", 1, 2000, &mut issues);
    let page = q.int("page", 0, i64::MAX / 4, &mut issues).unwrap_or(0);
    if !issues.is_empty() {
        return Err(ApiError::invalid_query(&issues));
    }
    let integrations: Option<Vec<&str>> = q.get("integrationId").map(|s| {
        s.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    });
    let tag_filters: Vec<(String, &str)> = q
        .pairs
        .iter()
        .filter_map(|(k, v)| {
            let inner = k.strip_prefix("tags[")?.strip_suffix(']')?;
            Some((inner.to_lowercase(), v.as_str()))
        })
        .collect();
    let st = app.st();
    let env = env_ref(&st, auth.env_id)?;
    let matching = env.connections.iter().filter(|c| {
        if let Some(id) = q.get("connectionId") {
            if c.connection_id != id {
                return false;
            }
        }
        if let Some(s) = q.get("search") {
            if !c.matches_search(s) {
                return false;
            }
        }
        if let Some(u) = q.get("endUserId") {
            let eu = c.end_user.as_ref().map(|e| e.id.as_str());
            if eu != Some(u) && c.tags.get("end_user_id").map(String::as_str) != Some(u) {
                return false;
            }
        }
        if let Some(o) = q.get("endUserOrganizationId") {
            let eo = c
                .end_user
                .as_ref()
                .and_then(|e| e.organization_id.as_deref());
            if eo != Some(o) && c.tags.get("organization_id").map(String::as_str) != Some(o) {
                return false;
            }
        }
        if let Some(list) = &integrations {
            if !list.contains(&c.provider_config_key.as_str()) {
                return false;
            }
        }
        tag_filters
            .iter()
            .all(|(k, v)| c.tags.get(k).map(String::as_str) == Some(*v))
    });
    let limit = limit.unwrap_or(10_000) as usize;
    let skip = (page as usize).saturating_mul(limit);
    let data: Vec<Value> = matching
        .skip(skip)
        .take(limit)
        .map(Connection::list_json)
        .collect();
    Ok(ok(json!({ "connections": data })))
}

/// `POST /connections`: upsert a connection with existing credentials (201).
pub async fn upsert(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let pck = c.nonempty("provider_config_key", true).map(str::to_string);
    let cid = check_connection_id(&mut c, "connection_id", false);
    let metadata = c.object("metadata", false).cloned();
    let config = c.object("connection_config", false).cloned();
    let tags = c.tags("tags", 64, 255);
    let end_user = parse_end_user(&mut c);
    let webhook_url_override = c.str("webhook_url_override", false).map(str::to_string);
    if c.value("credentials").is_none() {
        c.issues
            .push(type_issue("object", None, vec![p("credentials")]));
    }
    c.strict(&[
        "provider_config_key",
        "connection_id",
        "metadata",
        "connection_config",
        "credentials",
        "tags",
        "end_user",
        "webhook_url_override",
    ]);
    c.finish()?;
    let pck = pck.unwrap_or_default();
    let auth_mode = {
        let st = app.st();
        let env = env_ref(&st, auth.env_id)?;
        let integ = env
            .integration(&pck)
            .ok_or_else(ApiError::unknown_integration)?;
        catalogue::get(&integ.provider)
            .map(|p| p.auth_mode)
            .unwrap_or("NONE")
    };
    let mut issues = Vec::new();
    let creds = body
        .get("credentials")
        .and_then(|v| credentials::from_import(v, auth_mode, &mut issues));
    if !issues.is_empty() || creds.is_none() {
        return Err(ApiError::invalid_body(&issues));
    }
    let new = NewConnection {
        provider_config_key: pck,
        connection_id: cid,
        credentials: creds,
        metadata: metadata.unwrap_or_default(),
        connection_config: config.unwrap_or_default(),
        tags: merged_tags(end_user.as_ref(), tags),
        end_user,
        webhook_url_override: webhook_url_override.filter(|u| !u.is_empty()),
    };
    let (conn, hook) = {
        let mut st = app.st();
        upsert_connection(&mut st, auth.env_id, new)?
    };
    webhooks::dispatch(&app, auth.env_id, &hook, conn.webhook_url_override.clone());
    Ok(json_response(201, &conn.full_json(true)))
}

/// Legacy `POST /connection` with flat credential fields (201).
pub async fn legacy_create(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let pck = c.nonempty("provider_config_key", true).map(str::to_string);
    let cid = check_connection_id(&mut c, "connection_id", false);
    let metadata = c.object("metadata", false).cloned();
    let config = c.object("connection_config", false).cloned();
    let tags = c.tags("tags", 64, 255);
    let end_user = parse_end_user(&mut c);
    c.finish()?;
    let pck = pck.unwrap_or_default();
    let auth_mode = {
        let st = app.st();
        let env = env_ref(&st, auth.env_id)?;
        let integ = env
            .integration(&pck)
            .ok_or_else(ApiError::unknown_integration)?;
        catalogue::get(&integ.provider)
            .map(|p| p.auth_mode)
            .unwrap_or("NONE")
    };
    let s = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_string);
    let missing = |code: &str, msg: &str| ApiError::msg(400, code, msg);
    let creds = match auth_mode {
        "OAUTH2" => {
            let at = s("access_token")
                .ok_or_else(|| missing("missing_access_token", "Missing param 'access_token'."))?;
            let mut v = json!({"type": "OAUTH2", "access_token": at});
            if let Some(rt) = s("refresh_token") {
                v["refresh_token"] = json!(rt);
            }
            if let Some(e) = s("expires_at").and_then(|e| crate::time::parse_iso_us(&e)) {
                v["expires_at"] = json!(crate::time::iso_ms(e / 1000));
            } else if let Some(secs) = body.get("expires_in").and_then(Value::as_i64) {
                v["expires_at"] = json!(crate::time::iso_ms(
                    now_ms().saturating_add(secs.saturating_mul(1000))
                ));
            }
            v["raw"] = json!({"access_token": at, "refresh_token": s("refresh_token")});
            v
        }
        "OAUTH1" => {
            let t = s("oauth_token")
                .ok_or_else(|| missing("missing_oauth_token", "Missing param 'oauth_token'."))?;
            let ts = s("oauth_token_secret").unwrap_or_default();
            json!({"type": "OAUTH1", "oauth_token": t, "oauth_token_secret": ts, "raw": {"oauth_token": t, "oauth_token_secret": ts}})
        }
        "BASIC" => {
            let u = s("username").ok_or_else(|| {
                missing(
                    "missing_basic_username",
                    "Missing param username for basic api authentication.",
                )
            })?;
            json!({"type": "BASIC", "username": u, "password": s("password").unwrap_or_default()})
        }
        "API_KEY" => {
            let k = s("api_key")
                .ok_or_else(|| missing("missing_api_key", "Missing param 'api_key'."))?;
            json!({"type": "API_KEY", "apiKey": k})
        }
        _ => json!({}),
    };
    let new = NewConnection {
        provider_config_key: pck,
        connection_id: cid,
        credentials: Some(creds),
        metadata: metadata.unwrap_or_default(),
        connection_config: config.unwrap_or_default(),
        tags: merged_tags(end_user.as_ref(), tags),
        end_user,
        webhook_url_override: None,
    };
    let (conn, hook) = {
        let mut st = app.st();
        upsert_connection(&mut st, auth.env_id, new)?
    };
    webhooks::dispatch(&app, auth.env_id, &hook, None);
    Ok(json_response(201, &conn.full_json(true)))
}

fn required_pck(q: &Query) -> Result<String, ApiError> {
    let mut issues = Vec::new();
    let v = q.required("provider_config_key", &mut issues);
    match v {
        Some(v) if issues.is_empty() => Ok(v),
        _ => Err(ApiError::invalid_query(&issues)),
    }
}

/// `GET /connections/{id}?provider_config_key=&force_refresh=&refresh_token=`.
pub async fn get_one(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path(cid): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&[
        "provider_config_key",
        "force_refresh",
        "refresh_token",
        "refresh_github_app_jwt_token",
    ])?;
    let mut issues = Vec::new();
    let pck = q.required("provider_config_key", &mut issues);
    let force = q.bool("force_refresh", &mut issues).unwrap_or(false);
    let with_rt = q.bool("refresh_token", &mut issues).unwrap_or(false);
    q.bool("refresh_github_app_jwt_token", &mut issues);
    if !issues.is_empty() {
        return Err(ApiError::invalid_query(&issues));
    }
    let pck = pck.unwrap_or_default();
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    if env.integration(&pck).is_none() {
        return Err(ApiError::unknown_integration());
    }
    let env_name = env.name.clone();
    let conn = env
        .connection_mut(&pck, &cid)
        .ok_or_else(connection_not_found)?;
    if credentials::refresh_impossible(&conn.credentials) {
        let hook = refresh_failed_webhook(conn, &env_name);
        let url = conn.webhook_url_override.clone();
        drop(st);
        webhooks::dispatch(&app, auth.env_id, &hook, url);
        return Err(refresh_exhausted());
    }
    if (force || credentials::is_expired(&conn.credentials))
        && credentials::refresh(&mut conn.credentials)
    {
        conn.updated_ms = now_ms();
    }
    conn.last_fetched_ms = Some(now_ms());
    Ok(ok(conn.full_json(with_rt)))
}

/// `PATCH /connections/{id}?provider_config_key=` with `{tags?, end_user?, webhook_url_override?}`.
pub async fn patch(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path(cid): Path<String>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&["provider_config_key"])?;
    let pck = required_pck(&q)?;
    let mut c = Check::new(&body);
    let tags = c.tags("tags", 64, 255);
    let end_user = parse_end_user(&mut c);
    let wh = c.str("webhook_url_override", false).map(str::to_string);
    c.strict(&["tags", "end_user", "webhook_url_override"]);
    c.finish()?;
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    if env.integration(&pck).is_none() {
        return Err(ApiError::unknown_integration());
    }
    let conn = env
        .connection_mut(&pck, &cid)
        .ok_or_else(connection_not_found)?;
    if let Some(eu) = end_user {
        for (k, v) in eu.derived_tags() {
            conn.tags.insert(k, v);
        }
        conn.end_user = Some(eu);
    }
    if let Some(t) = tags {
        conn.tags = t.into_iter().collect();
        if let Some(eu) = &conn.end_user {
            for (k, v) in eu.derived_tags() {
                conn.tags.entry(k).or_insert(v);
            }
        }
    }
    if let Some(w) = wh {
        conn.webhook_url_override = (!w.is_empty()).then_some(w);
    }
    conn.updated_ms = now_ms();
    Ok(ok(json!({ "success": true })))
}

/// `DELETE /connections/{id}?provider_config_key=`; a second delete is
/// `400 {"error":{"code":"unknown_connection"}}`.
pub async fn delete_one(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path(cid): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&["provider_config_key"])?;
    let pck = required_pck(&q)?;
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    if env.integration(&pck).is_none() {
        return Err(ApiError::unknown_integration());
    }
    env.remove_connection(&pck, &cid)
        .ok_or_else(|| ApiError::code(400, "unknown_connection"))?;
    Ok(ok(json!({ "success": true })).into_response())
}
