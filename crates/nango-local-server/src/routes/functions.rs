//! Integration functions (`/integrations/{key}/functions...`) and the function tooling
//! endpoints (`/functions/compile`, `/functions/dryruns`, `/functions/deployments`).

use std::collections::HashMap;

use axum::extract::{Path, RawQuery, State};
use axum::Extension;
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::{json_response, ok, p, ApiError, ApiResult, Issue};
use crate::routes::integrations::integration_not_found;
use crate::routes::{env_mut, env_ref};
use crate::state::{App, FnKind, Function};
use crate::time::{iso_ms, now_ms};
use crate::validate::{Check, JsonBody, Query};

fn kind_param(q: &Query, allow_on_event: bool, issues: &mut Vec<Issue>) -> Option<FnKind> {
    let v = q.get("type")?;
    match FnKind::parse(v) {
        Some(FnKind::OnEvent) if !allow_on_event => None,
        Some(k) => Some(k),
        None => None,
    }
    .or_else(|| {
        issues.push(Issue::new(
            "invalid_value",
            if allow_on_event {
                "Invalid option: expected one of \"sync\"|\"action\"|\"on-event\""
            } else {
                "Invalid option: expected one of \"sync\"|\"action\""
            },
            vec![p("type")],
        ));
        None
    })
}

fn function_not_found() -> ApiError {
    ApiError::not_found("Function not found")
}

/// Finds one function by name (and kind); 409 `ambiguous_function` if the name is shared.
fn find<'a>(
    fs: &'a [Function],
    name: &str,
    kind: Option<FnKind>,
) -> Result<&'a Function, ApiError> {
    let matches: Vec<&Function> = fs
        .iter()
        .filter(|f| f.name == name && kind.is_none_or(|k| f.kind == k))
        .collect();
    match matches.len() {
        0 => Err(function_not_found()),
        1 => Ok(matches[0]),
        _ => Err(ApiError::msg(409, "ambiguous_function", "Multiple functions share this name. Specify a type.").with(
            "payload",
            json!({"matches": matches.iter().map(|f| json!({"type": f.kind.as_str(), "name": f.name})).collect::<Vec<_>>()}),
        )),
    }
}

/// `GET /integrations/{key}/functions?type=&search=&page=&limit=`.
pub async fn list(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path(key): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&["type", "search", "page", "limit"])?;
    let mut issues = Vec::new();
    let kind = kind_param(&q, true, &mut issues);
    let page = q.int("page", 0, i64::MAX / 200, &mut issues).unwrap_or(0);
    let limit = q.int("limit", 1, 100, &mut issues).unwrap_or(20);
    let search = q.get("search").map(str::to_lowercase);
    if search
        .as_ref()
        .is_some_and(|s| s.is_empty() || s.len() > 255)
    {
        issues.push(Issue::new(
            "too_small",
            "Too small: expected string to have >=1 characters",
            vec![p("search")],
        ));
    }
    if !issues.is_empty() {
        return Err(ApiError::invalid_query(&issues));
    }
    let st = app.st();
    let env = env_ref(&st, auth.env_id)?;
    let integ = env.integration(&key).ok_or_else(integration_not_found)?;
    let all: Vec<&Function> = integ
        .functions
        .iter()
        .filter(|f| kind.is_none_or(|k| f.kind == k))
        .filter(|f| {
            search
                .as_ref()
                .is_none_or(|s| f.name.to_lowercase().contains(s))
        })
        .collect();
    let total = all.len();
    let data: Vec<Value> = all
        .into_iter()
        .skip((page * limit) as usize)
        .take(limit as usize)
        .map(Function::to_json)
        .collect();
    Ok(ok(
        json!({"data": data, "pagination": {"total": total, "page": page, "limit": limit}}),
    ))
}

/// `GET /integrations/{key}/functions/{name}?type=`.
pub async fn get_one(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path((key, name)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&["type"])?;
    let mut issues = Vec::new();
    let kind = kind_param(&q, true, &mut issues);
    if !issues.is_empty() {
        return Err(ApiError::invalid_query(&issues));
    }
    let st = app.st();
    let env = env_ref(&st, auth.env_id)?;
    let integ = env.integration(&key).ok_or_else(integration_not_found)?;
    let f = find(&integ.functions, &name, kind)?;
    Ok(ok(json!({ "data": f.to_json() })))
}

/// `GET /integrations/{key}/functions/{name}/code?type=`.
pub async fn code(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path((key, name)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&["type"])?;
    let mut issues = Vec::new();
    let kind = kind_param(&q, true, &mut issues);
    if !issues.is_empty() {
        return Err(ApiError::invalid_query(&issues));
    }
    let st = app.st();
    let env = env_ref(&st, auth.env_id)?;
    let integ = env.integration(&key).ok_or_else(integration_not_found)?;
    let f = find(&integ.functions, &name, kind)?;
    Ok(ok(json!({ "type": f.kind.as_str(), "code": f.code })))
}

/// `DELETE /integrations/{key}/functions/{name}?type=sync|action` (type required).
pub async fn delete_one(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path((key, name)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&["type"])?;
    let mut issues = Vec::new();
    if q.get("type").is_none() {
        issues.push(crate::validate::type_issue("string", None, vec![p("type")]));
    }
    let kind = kind_param(&q, false, &mut issues);
    if !issues.is_empty() {
        return Err(ApiError::invalid_query(&issues));
    }
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    let integ = env
        .integration_mut(&key)
        .ok_or_else(integration_not_found)?;
    let pos = integ
        .functions
        .iter()
        .position(|f| f.name == name && Some(f.kind) == kind)
        .ok_or_else(function_not_found)?;
    if integ.functions[pos].source == "repo" {
        return Err(ApiError::msg(
            400,
            "function_managed_by_deploy",
            "This function is managed by `nango deploy` and cannot be deleted here",
        ));
    }
    integ.functions.remove(pos);
    Ok(ok(json!({"data": {"success": true}})))
}

/// `POST /functions/compile` with `{code}`.
pub async fn compile(RawQuery(raw): RawQuery, JsonBody(body): JsonBody) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let code = c.nonempty("code", true).map(str::to_string);
    c.strict(&["code"]);
    c.finish()?;
    let js = format!(
        "\"use strict\";\n// compiled by nango-local-server (not really)\n{}",
        code.unwrap_or_default()
    );
    Ok(ok(
        json!({"bundle_size_bytes": js.len(), "bundled_js": js, "compiled_at": iso_ms(now_ms())}),
    ))
}

fn runnable_kind(c: &mut Check, key: &str, required: bool) -> Option<FnKind> {
    match c.str(key, required)? {
        "sync" => Some(FnKind::Sync),
        "action" => Some(FnKind::Action),
        _ => {
            c.custom(
                Some(key),
                "Invalid option: expected one of \"action\"|\"sync\"",
            );
            None
        }
    }
}

/// `POST /functions/dryruns` (202).
pub async fn create_dryrun(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let iid = c.nonempty("integration_id", true).map(str::to_string);
    let kind = runnable_kind(&mut c, "function_type", true);
    c.nonempty("code", true);
    let cid = c.nonempty("connection_id", true).map(str::to_string);
    c.object("metadata", false);
    c.object("checkpoint", false);
    c.str("last_sync_date", false);
    c.strict(&[
        "integration_id",
        "function_type",
        "code",
        "connection_id",
        "input",
        "metadata",
        "checkpoint",
        "last_sync_date",
    ]);
    c.finish()?;
    let (iid, cid) = (iid.unwrap_or_default(), cid.unwrap_or_default());
    let mut st = app.st();
    {
        let env = env_ref(&st, auth.env_id)?;
        if env.integration(&iid).is_none() {
            return Err(integration_not_found());
        }
        if env.connection(&iid, &cid).is_none() {
            return Err(ApiError::not_found("Connection not found"));
        }
    }
    let id = uuid::Uuid::new_v4().to_string();
    let now = iso_ms(now_ms());
    let input = body.get("input").cloned().unwrap_or(Value::Null);
    st.dryruns.insert(
        id.clone(),
        json!({
            "id": id, "status": "success", "integration_id": iid,
            "function_type": kind.map(FnKind::as_str).unwrap_or("action"),
            "created_at": now, "updated_at": now, "started_at": now, "completed_at": now, "duration_ms": 1,
            "output": "Dry run completed (nango-local-server does not execute code)", "result": input,
        }),
    );
    Ok(json_response(
        202,
        &json!({"id": id, "status": "waiting", "created_at": now}),
    ))
}

/// `GET /functions/dryruns/{id}`.
pub async fn get_dryrun(
    State(app): State<App>,
    Extension(_auth): Extension<Auth>,
    Path(id): Path<String>,
) -> ApiResult {
    stored_job(&app.st().dryruns, &id, "Dry run not found")
}

/// A recorded dry run or deployment, or 404 with `missing`.
fn stored_job(jobs: &HashMap<String, Value>, id: &str, missing: &str) -> ApiResult {
    jobs.get(id)
        .cloned()
        .map(ok)
        .ok_or_else(|| ApiError::not_found(missing))
}

/// `POST /functions/deployments` (202): `type: function` deploys code, `type: template` a template.
pub async fn create_deployment(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let ty = c.str("type", true).map(str::to_string);
    let iid = c.nonempty("integration_id", true).map(str::to_string);
    let (name, kind, code, version) = match ty.as_deref() {
        Some("function") => {
            let name = c.nonempty("function_name", true).map(str::to_string);
            let kind = runnable_kind(&mut c, "function_type", true);
            let code = c.nonempty("code", true).map(str::to_string);
            let version = c.str("version", false).map(str::to_string);
            c.bool("allow_destructive", false);
            c.strict(&[
                "type",
                "integration_id",
                "function_name",
                "function_type",
                "code",
                "version",
                "allow_destructive",
            ]);
            (name, kind, code, version)
        }
        Some("template") => {
            let name = c.nonempty("template", true).map(str::to_string);
            let kind = runnable_kind(&mut c, "function_type", false);
            c.strict(&["type", "integration_id", "template", "function_type"]);
            let kind = kind.or(match name.as_deref() {
                Some("items") => Some(FnKind::Sync),
                _ => Some(FnKind::Action),
            });
            (name, kind, None, None)
        }
        Some(_) => {
            c.custom(
                Some("type"),
                "Invalid input: expected \"function\" or \"template\"",
            );
            (None, None, None, None)
        }
        None => (None, None, None, None),
    };
    c.finish()?;
    let (iid, name, kind) = (
        iid.unwrap_or_default(),
        name.unwrap_or_default(),
        kind.unwrap_or(FnKind::Action),
    );
    let mut st = app.st();
    let fid = st.id();
    let env = env_mut(&mut st, auth.env_id)?;
    let integ = env
        .integration_mut(&iid)
        .ok_or_else(integration_not_found)?;
    let is_template = ty.as_deref() == Some("template");
    if is_template
        && integ
            .functions
            .iter()
            .any(|f| f.name == name && f.kind == kind && f.source == "catalog")
    {
        return Err(ApiError::msg(
            409,
            "template_already_deployed",
            "This template is already deployed",
        ));
    }
    let returns: Vec<&str> = if kind == FnKind::Sync {
        vec!["Item"]
    } else {
        vec![]
    };
    let mut f = Function::new(
        fid,
        &name,
        kind,
        &format!("Deployed {}", kind.as_str()),
        &returns,
    );
    if let Some(code) = code {
        f.code = code;
    }
    f.version = version.unwrap_or_else(|| "0.0.1".into());
    f.source = if is_template {
        "catalog".into()
    } else {
        "standalone".into()
    };
    let version = f.version.clone();
    integ
        .functions
        .retain(|x| !(x.name == name && x.kind == kind));
    integ.functions.push(f);
    let id = uuid::Uuid::new_v4().to_string();
    let now = iso_ms(now_ms());
    st.deployments.insert(
        id.clone(),
        json!({
            "id": id, "status": "success", "integration_id": iid, "function_name": name,
            "function_type": kind.as_str(), "created_at": now, "updated_at": now, "started_at": now,
            "completed_at": now, "duration_ms": 1, "deployed": true,
            "deployed_functions": [{"name": name, "version": version}], "output": "Deployed",
        }),
    );
    Ok(json_response(
        202,
        &json!({"id": id, "status": "success", "created_at": now}),
    ))
}

/// `GET /functions/deployments/{id}`.
pub async fn get_deployment(
    State(app): State<App>,
    Extension(_auth): Extension<Auth>,
    Path(id): Path<String>,
) -> ApiResult {
    stored_job(&app.st().deployments, &id, "Deployment not found")
}
