//! `GET /records` and `PATCH /records/prune`.

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::Extension;
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::{ok, p, ApiError, ApiResult, Issue};
use crate::recordstore::{decode_cursor, LastAction, PageQuery};
use crate::routes::{env_mut, env_ref};
use crate::state::App;
use crate::time::{now_us, parse_iso_us};
use crate::validate::{connection_headers, int_in, Check, JsonBody, Query};

/// 400 for records calls on an unknown connection.
pub fn unknown_connection() -> ApiError {
    ApiError::msg(
        400,
        "unknown_connection",
        "Provided ConnectionId and ProviderConfigKey does not match a valid connection",
    )
}

fn within_lookback(v: &str, key: &str, issues: &mut Vec<Issue>) -> Option<i64> {
    match parse_iso_us(v) {
        Some(us) if us >= now_us() - 365 * 24 * 3600 * 1_000_000 => Some(us),
        Some(_) => {
            issues.push(Issue::new(
                "custom",
                "must be within the last 12 months",
                vec![p(key)],
            ));
            None
        }
        None => {
            issues.push(Issue::new(
                "invalid_format",
                "Invalid ISO datetime",
                vec![p(key)],
            ));
            None
        }
    }
}

/// `GET /records` (headers `Connection-Id`, `Provider-Config-Key`).
pub async fn list(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&[
        "model",
        "variant",
        "delta",
        "modified_after",
        "limit",
        "filter",
        "cursor",
        "ids",
    ])?;
    let mut issues = Vec::new();
    let model = q.required("model", &mut issues);
    let variant = q.get("variant").unwrap_or("base").to_string();
    let limit = q
        .get("limit")
        .and_then(|v| int_in(v, "limit", 1, 10_000, &mut issues))
        .unwrap_or(100) as usize;
    let mut modified_after = None;
    for key in ["delta", "modified_after"] {
        if let Some(v) = q.get(key) {
            if let Some(us) = within_lookback(v, key, &mut issues) {
                modified_after = Some(us);
            }
        }
    }
    let filter = match q.get("filter") {
        Some(f) => {
            let mut out = Vec::new();
            for (i, part) in f.split(',').enumerate() {
                match LastAction::parse(part).filter(|_| {
                    matches!(part, "added" | "updated" | "deleted" | "ADDED" | "UPDATED" | "DELETED")
                }) {
                    Some(a) => out.push(a),
                    None => issues.push(Issue::new(
                        "invalid_value",
                        "Invalid option: expected one of \"added\"|\"updated\"|\"deleted\"|\"ADDED\"|\"UPDATED\"|\"DELETED\"",
                        vec![p("filter"), json!(i)],
                    )),
                }
            }
            Some(out)
        }
        None => None,
    };
    let mut after = None;
    if let Some(c) = q.get("cursor") {
        if c.is_empty() || c.chars().count() > 1000 {
            issues.push(Issue::new(
                if c.is_empty() { "too_small" } else { "too_big" },
                if c.is_empty() {
                    "Too small: expected string to have >=1 characters"
                } else {
                    "Too big: expected string to have <=1000 characters"
                },
                vec![p("cursor")],
            ));
        } else {
            match decode_cursor(c) {
                Some(s) => after = Some(s),
                None => issues.push(Issue::new("custom", "Invalid cursor", vec![p("cursor")])),
            }
        }
    }
    let ids: Vec<String> = q.all("ids").iter().map(|s| s.to_string()).collect();
    if ids.len() > 100 {
        issues.push(Issue::new(
            "too_big",
            "Too big: expected array to have <=100 items",
            vec![p("ids")],
        ));
    }
    if ids.iter().any(|i| i.is_empty() || i.chars().count() > 256) {
        issues.push(Issue::new("invalid_union", "Invalid input", vec![p("ids")]));
    }
    if !issues.is_empty() {
        return Err(ApiError::invalid_query(&issues));
    }
    let (cid, pck) = connection_headers(&headers)?;
    let model = model.unwrap_or_default();
    let st = app.st();
    let env = env_ref(&st, auth.env_id)?;
    if env.connection(&pck, &cid).is_none() {
        return Err(unknown_connection());
    }
    let key = (pck, cid, model, variant);
    let (records, more) = match env.records.get(&key) {
        Some(set) => set.page(&PageQuery {
            after,
            limit,
            filter,
            modified_after_us: modified_after,
            ids: (!ids.is_empty()).then_some(ids),
        }),
        None => (Vec::new(), false),
    };
    let next_cursor = if more {
        records.last().map(|r| r.cursor())
    } else {
        None
    };
    let records: Vec<Value> = records.iter().map(|r| r.to_json()).collect();
    Ok(ok(
        json!({ "records": records, "next_cursor": next_cursor }),
    ))
}

/// `PATCH /records/prune` with `{model, variant?, until_cursor, limit?}`.
pub async fn prune(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let model = c.nonempty("model", true).map(str::to_string);
    let variant = c.str("variant", false).unwrap_or("base").to_string();
    let until = c.nonempty("until_cursor", true).map(str::to_string);
    let limit = c.int("limit", false, 1, 10_000).unwrap_or(1000) as u64;
    c.strict(&["model", "variant", "until_cursor", "limit"]);
    if let Some(u) = &until {
        if u.chars().count() > 1000 {
            c.custom(
                Some("until_cursor"),
                "Too big: expected string to have <=1000 characters",
            );
        } else if decode_cursor(u).is_none() {
            c.custom(Some("until_cursor"), "Invalid cursor");
        }
    }
    c.finish()?;
    let (cid, pck) = connection_headers(&headers)?;
    let until_seq = until.as_deref().and_then(decode_cursor).unwrap_or(0);
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    if env.connection(&pck, &cid).is_none() {
        return Err(unknown_connection());
    }
    let key = (pck, cid, model.unwrap_or_default(), variant);
    let (count, has_more) = match env.records.get_mut(&key) {
        Some(set) => set.prune(until_seq, limit),
        None => (0, false),
    };
    Ok(ok(json!({ "count": count, "has_more": has_more })))
}
