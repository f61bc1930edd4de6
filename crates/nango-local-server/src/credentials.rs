//! Connection credentials per auth mode: validation of imported ones, generation of fake
//! ones, refresh, and injection into proxied requests.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Map, Value};

use crate::catalogue::Injection;
use crate::error::{p, Issue};
use crate::time::{iso_ms, now_ms, parse_iso_us};
use crate::validate::Check;

fn token(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::new_v4().simple())
}

/// Validates `credentials` of `POST /connections` and returns the stored form.
pub fn from_import(v: &Value, auth_mode: &str, issues: &mut Vec<Issue>) -> Option<Value> {
    let path = vec![p("credentials")];
    let mut c = Check::at(v, path.clone());
    let ty = c.str("type", true).map(str::to_string);
    let mut out: Option<Value> = None;
    match ty.as_deref() {
        Some("OAUTH2") => {
            let at = c.nonempty("access_token", true);
            let rt = c.str("refresh_token", false);
            let exp = c.str("expires_at", false);
            if let Some(e) = exp {
                if parse_iso_us(e).is_none() {
                    c.custom(Some("expires_at"), "Invalid ISO datetime");
                }
            }
            let co = c.object("config_override", false);
            c.strict(&[
                "type",
                "access_token",
                "refresh_token",
                "expires_at",
                "config_override",
                "raw",
            ]);
            if let Some(at) = at {
                let mut raw = match v.get("raw") {
                    Some(Value::Object(m)) => m.clone(),
                    _ => Map::new(),
                };
                raw.entry("access_token").or_insert(json!(at));
                if let Some(rt) = rt {
                    raw.entry("refresh_token").or_insert(json!(rt));
                }
                let mut m = Map::new();
                m.insert("type".into(), json!("OAUTH2"));
                m.insert("access_token".into(), json!(at));
                if let Some(rt) = rt {
                    m.insert("refresh_token".into(), json!(rt));
                }
                if let Some(e) = exp.and_then(parse_iso_us) {
                    m.insert("expires_at".into(), json!(iso_ms(e / 1000)));
                }
                if let Some(co) = co {
                    m.insert("config_override".into(), Value::Object(co.clone()));
                }
                m.insert("raw".into(), Value::Object(raw));
                out = Some(Value::Object(m));
            }
        }
        Some("OAUTH1") => {
            let t = c.nonempty("oauth_token", true);
            let s = c.nonempty("oauth_token_secret", true);
            c.strict(&["type", "oauth_token", "oauth_token_secret"]);
            if let (Some(t), Some(s)) = (t, s) {
                out = Some(
                    json!({"type": "OAUTH1", "oauth_token": t, "oauth_token_secret": s,
                    "raw": {"oauth_token": t, "oauth_token_secret": s}}),
                );
            }
        }
        Some("BASIC") => {
            let u = c.str("username", true);
            let pw = c.str("password", true);
            c.strict(&["type", "username", "password"]);
            if let (Some(u), Some(pw)) = (u, pw) {
                out = Some(json!({"type": "BASIC", "username": u, "password": pw}));
            }
        }
        Some("API_KEY") => {
            let k = c.nonempty("apiKey", true);
            c.strict(&["type", "apiKey"]);
            if let Some(k) = k {
                out = Some(json!({"type": "API_KEY", "apiKey": k}));
            }
        }
        Some("OAUTH2_CC") => {
            let t = c.nonempty("token", true);
            let id = c.nonempty("client_id", true);
            let sec = c.nonempty("client_secret", true);
            let exp = c.str("expires_at", false);
            c.strict(&["type", "token", "client_id", "client_secret", "expires_at"]);
            if let (Some(t), Some(id), Some(sec)) = (t, id, sec) {
                let mut m = json!({"type": "OAUTH2_CC", "token": t, "client_id": id, "client_secret": sec,
                    "raw": {"access_token": t}});
                if let Some(e) = exp.and_then(parse_iso_us) {
                    m["expires_at"] = json!(iso_ms(e / 1000));
                }
                out = Some(m);
            }
        }
        Some("TBA") => {
            let id = c.nonempty("token_id", true);
            let sec = c.nonempty("token_secret", true);
            let co = c.object("config_override", false);
            c.strict(&["type", "token_id", "token_secret", "config_override"]);
            if let (Some(id), Some(sec)) = (id, sec) {
                out = Some(json!({"type": "TBA", "token_id": id, "token_secret": sec,
                    "config_override": co.cloned().unwrap_or_default()}));
            }
        }
        Some("APP") | Some("CUSTOM") => {
            let app_id = c.nonempty("app_id", true);
            let inst = c.nonempty("installation_id", true);
            c.strict(&["type", "app_id", "installation_id"]);
            if let (Some(_), Some(_)) = (app_id, inst) {
                let t = token("ghs");
                out = Some(
                    json!({"type": ty.clone().unwrap_or_default(), "access_token": t,
                    "expires_at": iso_ms(now_ms() + 3_600_000), "raw": {"token": t}}),
                );
            }
        }
        Some("NONE") => {
            c.strict(&["type"]);
            out = Some(json!({}));
        }
        Some(other) => c.custom(Some("type"), format!("Invalid credentials type {other:?}")),
        None => {}
    }
    if let (Some(t), true) = (ty.as_deref(), c.issues.is_empty()) {
        if !type_matches(t, auth_mode) {
            c.issues.push(Issue::new(
                "custom",
                format!(
                    "Credentials of type {t} do not match the integration's auth mode {auth_mode}"
                ),
                vec![p("credentials"), p("type")],
            ));
        }
    }
    let ok = c.issues.is_empty();
    c.merge_into(issues);
    if ok {
        out
    } else {
        None
    }
}

fn type_matches(t: &str, auth_mode: &str) -> bool {
    t == auth_mode || (t == "CUSTOM" && auth_mode == "APP")
}

/// Fake credentials for a connection created without any (seeds, connect UI).
pub fn generate(auth_mode: &str) -> Value {
    match auth_mode {
        "OAUTH2" => {
            let (at, rt) = (token("gho"), token("ghr"));
            json!({"type": "OAUTH2", "access_token": at, "refresh_token": rt,
                "expires_at": iso_ms(now_ms() + 3_600_000),
                "raw": {"access_token": at, "refresh_token": rt, "expires_in": 3600, "token_type": "bearer"}})
        }
        "OAUTH1" => {
            let (t, s) = (token("oat"), token("oas"));
            json!({"type": "OAUTH1", "oauth_token": t, "oauth_token_secret": s,
                "raw": {"oauth_token": t, "oauth_token_secret": s}})
        }
        "BASIC" => json!({"type": "BASIC", "username": "user", "password": token("pw")}),
        "API_KEY" => json!({"type": "API_KEY", "apiKey": token("key")}),
        "OAUTH2_CC" => {
            let t = token("cct");
            json!({"type": "OAUTH2_CC", "token": t, "client_id": "client-id", "client_secret": "client-secret",
                "expires_at": iso_ms(now_ms() + 3_600_000), "raw": {"access_token": t, "expires_in": 3600}})
        }
        _ => json!({}),
    }
}

/// Whether stored credentials hold an expired token.
pub fn is_expired(c: &Value) -> bool {
    c.get("expires_at")
        .and_then(Value::as_str)
        .and_then(parse_iso_us)
        .map(|us| us / 1000 <= now_ms())
        .unwrap_or(false)
}

/// Whether an expired token can't be refreshed (OAuth2 without a refresh token).
pub fn refresh_impossible(c: &Value) -> bool {
    c.get("type").and_then(Value::as_str) == Some("OAUTH2")
        && c.get("refresh_token")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        && is_expired(c)
}

/// Replaces the access token (OAuth2, OAuth2 client credentials, app tokens); `true` if the
/// credentials have a token to refresh.
pub fn refresh(c: &mut Value) -> bool {
    let ty = c
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let Some(m) = c.as_object_mut() else {
        return false;
    };
    let exp = iso_ms(now_ms() + 3_600_000);
    match ty.as_str() {
        "OAUTH2" | "APP" | "CUSTOM" => {
            let t = token("gho");
            m.insert("access_token".into(), json!(t));
            m.insert("expires_at".into(), json!(exp));
            if let Some(Value::Object(raw)) = m.get_mut("raw") {
                raw.insert("access_token".into(), json!(t));
                raw.insert("expires_in".into(), json!(3600));
            }
            true
        }
        "OAUTH2_CC" => {
            let t = token("cct");
            m.insert("token".into(), json!(t));
            m.insert("expires_at".into(), json!(exp));
            if let Some(Value::Object(raw)) = m.get_mut("raw") {
                raw.insert("access_token".into(), json!(t));
            }
            true
        }
        _ => false,
    }
}

/// The `Authorization` header value the proxy injects, if any.
pub fn authorization(c: &Value, injection: Injection) -> Option<String> {
    let s = |k: &str| c.get(k).and_then(Value::as_str).map(str::to_string);
    match (c.get("type").and_then(Value::as_str)?, injection) {
        (_, Injection::None) => None,
        ("OAUTH2" | "APP" | "CUSTOM", _) => s("access_token").map(|t| format!("Bearer {t}")),
        ("OAUTH2_CC", _) => s("token").map(|t| format!("Bearer {t}")),
        ("API_KEY", _) => s("apiKey").map(|t| format!("Bearer {t}")),
        ("BASIC", _) => {
            let u = s("username").unwrap_or_default();
            let pw = s("password").unwrap_or_default();
            Some(format!("Basic {}", STANDARD.encode(format!("{u}:{pw}"))))
        }
        ("OAUTH1", _) => s("oauth_token").map(|t| {
            format!(
                "OAuth oauth_token=\"{t}\", oauth_signature_method=\"HMAC-SHA1\", oauth_version=\"1.0\", oauth_nonce=\"{}\", oauth_timestamp=\"{}\"",
                uuid::Uuid::new_v4().simple(),
                now_ms() / 1000
            )
        }),
        ("TBA", _) => s("token_id").map(|t| format!("OAuth realm=\"\", oauth_token=\"{t}\"")),
        _ => None,
    }
}
