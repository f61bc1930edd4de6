//! Connect sessions (`/connect/sessions`, `/connect/session`) and a minimal local Connect UI
//! page that completes a session by creating a connection with generated credentials.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::{json, Value};

use crate::auth::{Auth, SessionAuth};
use crate::error::{json_response, ok, p, ApiError, ApiResult, Issue};
use crate::routes::connections::{merged_tags, parse_end_user, upsert_connection, NewConnection};
use crate::routes::{env_mut, env_ref};
use crate::state::{App, ConnectSession, EndUser};
use crate::time::{iso_ms, now_ms};
use crate::validate::{Check, JsonBody, Query};
use crate::webhooks;

const SESSION_TTL_MS: i64 = 30 * 60 * 1000;

struct SessionInput {
    end_user: Option<EndUser>,
    tags: BTreeMap<String, String>,
    allowed: Option<Vec<String>>,
    defaults: Option<Value>,
    overrides: Option<Value>,
    webhook_url_override: Option<String>,
}

fn parse_common(c: &mut Check) -> SessionInput {
    let tags = c.tags("tags", 64, 255);
    let mut end_user = parse_end_user(c);
    if let Some(org) = c.value("organization") {
        let mut o = Check::at(org, vec![p("organization")]);
        let id = o.nonempty("id", true).map(str::to_string);
        let dn = o.str("display_name", false).map(str::to_string);
        o.strict(&["id", "display_name"]);
        o.merge_into(&mut c.issues);
        if let Some(eu) = end_user.as_mut() {
            eu.organization_id = id;
            eu.organization_display_name = dn;
        }
    }
    let allowed = c.str_array("allowed_integrations", false);
    let defaults = c
        .object("integrations_config_defaults", false)
        .map(|m| Value::Object(m.clone()));
    let overrides = c
        .object("overrides", false)
        .map(|m| Value::Object(m.clone()));
    let webhook_url_override = c.str("webhook_url_override", false).map(str::to_string);
    let tags_map = merged_tags(end_user.as_ref(), tags);
    SessionInput {
        end_user,
        tags: tags_map,
        allowed,
        defaults,
        overrides,
        webhook_url_override,
    }
}

fn new_session(
    app: &App,
    env_id: i64,
    input: SessionInput,
    reconnect: Option<(String, String)>,
) -> Response {
    let token = format!(
        "nango_connect_session_{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let now = now_ms();
    let expires = now + SESSION_TTL_MS;
    app.st().sessions.insert(
        token.clone(),
        ConnectSession {
            env_id,
            created_ms: now,
            expires_ms: expires,
            end_user: input.end_user,
            tags: input.tags,
            allowed_integrations: input.allowed,
            integrations_config_defaults: input.defaults,
            overrides: input.overrides,
            reconnect,
            webhook_url_override: input.webhook_url_override,
        },
    );
    json_response(
        201,
        &json!({"data": {
            "token": token,
            "connect_link": format!("{}/connect-ui?session_token={token}", app.base_url),
            "expires_at": iso_ms(expires),
        }}),
    )
}

/// `POST /connect/sessions` (201).
pub async fn create(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let input = parse_common(&mut c);
    c.strict(&[
        "tags",
        "end_user",
        "organization",
        "allowed_integrations",
        "integrations_config_defaults",
        "overrides",
        "webhook_url_override",
    ]);
    if c.issues.is_empty() && c.value("end_user").is_none() && c.value("tags").is_none() {
        c.issues
            .push(Issue::new("invalid_union", "Invalid input", vec![]));
    }
    c.finish()?;
    if let Some(allowed) = &input.allowed {
        let st = app.st();
        let env = env_ref(&st, auth.env_id)?;
        let issues: Vec<Issue> = allowed
            .iter()
            .enumerate()
            .filter(|(_, k)| env.integration(k).is_none())
            .map(|(i, _)| {
                Issue::new(
                    "custom",
                    "Integration does not exist",
                    vec![p("allowed_integrations"), json!(i)],
                )
            })
            .collect();
        if !issues.is_empty() {
            return Err(ApiError::invalid_body(&issues));
        }
    }
    Ok(new_session(&app, auth.env_id, input, None))
}

/// `POST /connect/sessions/reconnect` (201).
pub async fn reconnect(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let cid = c.nonempty("connection_id", true).map(str::to_string);
    let iid = c.nonempty("integration_id", true).map(str::to_string);
    let input = parse_common(&mut c);
    c.strict(&[
        "connection_id",
        "integration_id",
        "tags",
        "end_user",
        "organization",
        "integrations_config_defaults",
        "overrides",
        "webhook_url_override",
    ]);
    c.finish()?;
    let (cid, iid) = (cid.unwrap_or_default(), iid.unwrap_or_default());
    {
        let st = app.st();
        let env = env_ref(&st, auth.env_id)?;
        if env.connection(&iid, &cid).is_none() {
            return Err(ApiError::msg(
                400,
                "invalid_body",
                "ConnectionID or IntegrationId does not exists",
            ));
        }
    }
    let mut input = input;
    input.allowed = Some(vec![iid.clone()]);
    Ok(new_session(&app, auth.env_id, input, Some((cid, iid))))
}

/// `GET /connect/session` (bearer: the session token).
pub async fn get_session(
    State(app): State<App>,
    Extension(s): Extension<SessionAuth>,
) -> ApiResult {
    let st = app.st();
    let sess = st
        .sessions
        .get(&s.token)
        .ok_or_else(|| ApiError::not_found("Connect session not found"))?;
    let mut data = json!({
        "endUser": sess.end_user.as_ref().map(EndUser::to_json),
        "tags": sess.tags,
        "isReconnecting": sess.reconnect.is_some(),
        "connectUISettings": {"showWatermark": false, "theme": {"light": {"primary": "#00B2E3"}, "dark": {"primary": "#00B2E3"}}, "defaultTheme": "system"},
    });
    if let Some(m) = data.as_object_mut() {
        if let Some(a) = &sess.allowed_integrations {
            m.insert("allowed_integrations".into(), json!(a));
        }
        if let Some(d) = &sess.integrations_config_defaults {
            m.insert("integrations_config_defaults".into(), d.clone());
        }
        if let Some(o) = &sess.overrides {
            m.insert("overrides".into(), o.clone());
        }
        if let Some(w) = &sess.webhook_url_override {
            m.insert("webhook_url_override".into(), json!(w));
        }
    }
    Ok(ok(json!({ "data": data })))
}

/// `DELETE /connect/session` (204).
pub async fn delete_session(
    State(app): State<App>,
    Extension(s): Extension<SessionAuth>,
) -> ApiResult {
    app.st().sessions.remove(&s.token);
    let mut res = Response::new(axum::body::Body::empty());
    *res.status_mut() = StatusCode::NO_CONTENT;
    Ok(res)
}

fn html(status: StatusCode, body: String) -> Response {
    let mut res = Response::new(axum::body::Body::from(body));
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `GET /connect-ui?session_token=` — a bare page to "authorize" an integration locally.
pub async fn ui_page(State(app): State<App>, RawQuery(raw): RawQuery) -> Response {
    let q = Query::parse(raw.as_deref());
    let token = q.get("session_token").unwrap_or("").to_string();
    let st = app.st();
    let Some(sess) = st.sessions.get(&token).filter(|s| s.expires_ms > now_ms()) else {
        return html(
            StatusCode::UNAUTHORIZED,
            "<!DOCTYPE html><p>Unknown or expired connect session.</p>".into(),
        );
    };
    let Some(env) = st.env(sess.env_id) else {
        return html(
            StatusCode::UNAUTHORIZED,
            "<!DOCTYPE html><p>Unknown environment.</p>".into(),
        );
    };
    let mut options = String::new();
    for i in &env.integrations {
        if sess
            .allowed_integrations
            .as_ref()
            .is_some_and(|a| !a.contains(&i.unique_key))
        {
            continue;
        }
        options.push_str(&format!(
            "<li><form method=\"post\" action=\"/connect-ui/complete\"><input type=\"hidden\" name=\"session_token\" value=\"{}\"><input type=\"hidden\" name=\"integration\" value=\"{}\"><button type=\"submit\">Connect {} ({})</button></form></li>",
            esc(&token),
            esc(&i.unique_key),
            esc(&i.display_name),
            esc(&i.provider)
        ));
    }
    html(
        StatusCode::OK,
        format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Nango Connect (local)</title></head><body><h1>Connect an integration</h1><ul>{options}</ul></body></html>"),
    )
}

/// `POST /connect-ui/complete` (form or JSON `{session_token, integration, connection_id?}`):
/// creates the connection with generated credentials and sends the `auth` webhook.
pub async fn ui_complete(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    let fields: BTreeMap<String, String> = if is_json {
        serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .map(|m| {
                m.into_iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        form_urlencoded::parse(&body).into_owned().collect()
    };
    let token = fields.get("session_token").cloned().unwrap_or_default();
    let integration = fields.get("integration").cloned().unwrap_or_default();
    let result = (|| -> Result<(i64, crate::state::Connection, Value), ApiError> {
        let mut st = app.st();
        let sess = st
            .sessions
            .get(&token)
            .filter(|s| s.expires_ms > now_ms())
            .cloned()
            .ok_or_else(|| ApiError::code(401, "unknown_connect_session_token"))?;
        if sess
            .allowed_integrations
            .as_ref()
            .is_some_and(|a| !a.contains(&integration))
        {
            return Err(ApiError::msg(
                400,
                "invalid_body",
                "Integration not allowed by this session",
            ));
        }
        let (cid, operation_conn) = match &sess.reconnect {
            Some((cid, _)) => (Some(cid.clone()), true),
            None => (
                fields
                    .get("connection_id")
                    .cloned()
                    .filter(|s| !s.is_empty()),
                false,
            ),
        };
        let existing = cid.as_ref().and_then(|c| {
            env_ref(&st, sess.env_id)
                .ok()
                .and_then(|e| e.connection(&integration, c).cloned())
        });
        let (conn, mut hook) = upsert_connection(
            &mut st,
            sess.env_id,
            NewConnection {
                provider_config_key: integration.clone(),
                connection_id: cid,
                credentials: None,
                metadata: existing
                    .as_ref()
                    .map(|c| c.metadata.clone())
                    .unwrap_or_default(),
                connection_config: existing
                    .as_ref()
                    .map(|c| c.connection_config.clone())
                    .unwrap_or_default(),
                tags: sess.tags.clone(),
                end_user: sess.end_user.clone(),
                webhook_url_override: sess.webhook_url_override.clone(),
            },
        )?;
        if operation_conn {
            hook["operation"] = json!("override");
        }
        let _ = env_mut(&mut st, sess.env_id)?;
        Ok((sess.env_id, conn, hook))
    })();
    match result {
        Ok((env_id, conn, hook)) => {
            webhooks::dispatch(&app, env_id, &hook, conn.webhook_url_override.clone());
            if is_json {
                json_response(
                    201,
                    &json!({"connectionId": conn.connection_id, "providerConfigKey": conn.provider_config_key}),
                )
            } else {
                html(
                    StatusCode::OK,
                    format!(
                        "<!DOCTYPE html><p>Connected: connection <code>{}</code> on <code>{}</code>. You can close this window.</p>",
                        esc(&conn.connection_id),
                        esc(&conn.provider_config_key)
                    ),
                )
            }
        }
        Err(e) => e.into_response(),
    }
}
