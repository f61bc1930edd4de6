//! `POST /webhook/{environmentUuid}/{providerConfigKey}`: a provider's webhook, forwarded
//! to the environment's webhook URLs as a `forward` webhook (or raw when no connection
//! matches).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use crate::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::state::App;
use crate::webhooks;

/// Handles a provider webhook.
pub async fn receive(
    State(app): State<App>,
    Path((env_uuid, key)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    let payload: Value = serde_json::from_slice(&body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
    let (env_id, hooks, raw) = {
        let st = app.st();
        let env =
            st.envs.iter().find(|e| e.uuid == env_uuid).ok_or_else(|| {
                ApiError::msg(404, "unknown_environment", "Environment not found")
            })?;
        let integ = env
            .integration(&key)
            .ok_or_else(ApiError::unknown_integration)?;
        if !integ.forward_webhooks {
            (env.id, Vec::new(), false)
        } else {
            let field = catalogue::get(&integ.provider).and_then(|p| p.webhook_routing_field);
            let value = field.and_then(|f| payload.get(f)).map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            let matched: Vec<(String, Option<String>)> = match (&value, field) {
                (Some(v), Some(f)) => env
                    .connections
                    .iter()
                    .filter(|c| c.provider_config_key == key)
                    .filter(|c| {
                        c.connection_id == *v
                            || c.connection_config.get(f).and_then(Value::as_str)
                                == Some(v.as_str())
                            || c.metadata.get(f).and_then(Value::as_str) == Some(v.as_str())
                    })
                    .map(|c| (c.connection_id.clone(), c.webhook_url_override.clone()))
                    .collect(),
                _ => Vec::new(),
            };
            if matched.is_empty() {
                (env.id, vec![(payload.clone(), None)], true)
            } else {
                let hooks = matched
                    .into_iter()
                    .map(|(cid, url)| {
                        (
                            json!({
                                "type": "forward",
                                "from": integ.provider,
                                "connectionId": cid,
                                "providerConfigKey": key,
                                "payload": payload,
                            }),
                            url,
                        )
                    })
                    .collect();
                (env.id, hooks, false)
            }
        }
    };
    for (h, url) in hooks {
        if raw {
            let (key, urls) = {
                let st = app.st();
                match st.env(env_id) {
                    Some(e) => (e.signing_key(), e.webhook_urls.clone()),
                    None => continue,
                }
            };
            webhooks::send_signed(&app, &key, urls, &h);
        } else {
            webhooks::dispatch(&app, env_id, &h, url);
        }
    }
    let mut res = Response::new(axum::body::Body::empty());
    *res.status_mut() = StatusCode::OK;
    Ok(res)
}
