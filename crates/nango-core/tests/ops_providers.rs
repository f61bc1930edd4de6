//! Request and decode tests of the provider operations.

use http::Method;
use nango_core::endpoint::Endpoint;
use nango_core::error::InvalidReason;
use nango_core::models::connections::AuthMode;
use nango_core::models::functions::FunctionType;
use nango_core::ops::providers::{GetProvider, GetProviderTemplates, ListProviders};
use nango_core::request::ApiRequest;
use nango_core::Error;

mod common;
use common::*;

/// Checks that `build(id)` refuses empty and dot ids, and encodes the others as
/// one segment between `prefix` and `suffix` that decodes back to the id.
fn check_ids(build: impl Fn(&str) -> Result<ApiRequest, Error>, prefix: &str, suffix: &str) {
    assert_eq!(invalid_reason(build("").unwrap_err()), InvalidReason::Empty);
    assert_eq!(
        invalid_reason(build(".").unwrap_err()),
        InvalidReason::DotSegment
    );
    assert_eq!(
        invalid_reason(build("..").unwrap_err()),
        InvalidReason::DotSegment
    );
    for id in [
        "a/b",
        "a?b",
        "a#b",
        "100%",
        "a&b=c",
        "with space",
        "ünïcødé-日本",
        "...",
    ] {
        let req = build(id).unwrap();
        let seg = req
            .path()
            .strip_prefix(prefix)
            .and_then(|s| s.strip_suffix(suffix))
            .unwrap_or_else(|| panic!("{} does not fit {prefix}…{suffix}", req.path()));
        assert!(!seg.contains(['/', '?', '#', ' ', '&']), "{seg}");
        assert_eq!(decode_segment(seg), id);
    }
}

const GITHUB: &str = r##"{
  "name": "github", "display_name": "GitHub", "auth_mode": "OAUTH2",
  "logo_url": "https://app.nango.dev/images/template-logos/github.svg",
  "docs": "https://nango.dev/docs/integrations/all/github",
  "categories": ["dev-tools", "ticketing"],
  "authorization_url": "https://github.com/login/oauth/authorize",
  "token_url": "https://github.com/login/oauth/access_token",
  "scope_separator": " ",
  "proxy": {"base_url": "https://api.github.com", "retry": {"at": "x-ratelimit-reset"}},
  "connection_config": {
    "subdomain": {"type": "string", "title": "Subdomain", "description": "Your subdomain",
                  "pattern": "^[a-z0-9-]+$", "order": 1, "automated": false, "hidden": true, "doc_section": "#step-1"}
  },
  "webhook_routing_script": "githubWebhookRouting",
  "brand_new_field": {"nested": true}
}"##;

#[test]
fn list_providers_request() {
    let req = ListProviders::new().request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path_and_query(), "/providers");
    assert!(req.headers().is_empty());
    assert!(req.body().is_none());
    assert!(req.is_idempotent());

    let req = ListProviders::new()
        .search("git hub&co")
        .connect_session_token("nango_connect_session_abc")
        .request(&cfg())
        .unwrap();
    assert_eq!(
        req.path_and_query(),
        "/providers?search=git%20hub%26co&connect_session_token=nango_connect_session_abc"
    );
    assert!(
        !format!(
            "{:?}",
            ListProviders::new().connect_session_token("tok-s3cr3t")
        )
        .contains("s3cr3t"),
        "the session token is redacted in Debug"
    );
}

#[test]
fn list_providers_decode() {
    let body = format!(
        r#"{{"data":[{GITHUB},{{"name":"quantum","display_name":"Quantum","auth_mode":"QUANTUM_AUTH","docs":"d"}}],"extra":1}}"#
    );
    let providers = ListProviders::new().decode(response(200, &body)).unwrap();
    assert_eq!(providers.len(), 2);
    let gh = &providers[0];
    assert_eq!(gh.name, "github");
    assert_eq!(gh.auth_mode, Some(AuthMode::OAuth2));
    assert_eq!(gh.categories, ["dev-tools", "ticketing"]);
    assert_eq!(
        gh.proxy.as_ref().unwrap()["base_url"],
        "https://api.github.com"
    );
    let field = &gh.connection_config.as_ref().unwrap()["subdomain"];
    assert_eq!(field.title.as_deref(), Some("Subdomain"));
    assert_eq!(field.order, Some(1.into()));
    assert_eq!(field.other["doc_section"], "#step-1");
    assert_eq!(gh.other["scope_separator"], " ");
    assert_eq!(gh.other["brand_new_field"]["nested"], true);
    assert_eq!(
        providers[1].auth_mode,
        Some(AuthMode::Other("QUANTUM_AUTH".into()))
    );

    // unknown fields survive a round trip
    let again: serde_json::Value = serde_json::to_value(gh).unwrap();
    assert_eq!(again["brand_new_field"]["nested"], true);
}

#[test]
fn get_provider_request_and_decode() {
    let req = GetProvider::new("github").request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path_and_query(), "/providers/github");
    assert!(req.headers().is_empty());
    assert!(req.body().is_none());

    let p = GetProvider::new("github")
        .decode(response(200, &format!(r#"{{"data":{GITHUB}}}"#)))
        .unwrap();
    assert_eq!(p.display_name, "GitHub");
    assert_eq!(
        p.docs.as_deref(),
        Some("https://nango.dev/docs/integrations/all/github")
    );
    assert!(
        GetProvider::new("github")
            .decode(response(200, GITHUB))
            .is_err(),
        "the data envelope is required"
    );
}

#[test]
fn get_provider_templates_request_and_decode() {
    let req = GetProviderTemplates::new("github").request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path_and_query(), "/providers/github/templates");
    assert!(req.headers().is_empty());
    assert!(req.body().is_none());

    let body = r#"{"data":[
      {"name":"fetch-issues","description":"Fetches issues","scopes":["repo"],"type":"sync","returns":["GithubIssue"],
       "json_schema":{"definitions":{}},"runs":"every hour","auto_start":true,"track_deletes":false,"new_flag":1},
      {"name":"create-issue","type":"action","input":"CreateIssue","returns":["GithubIssue"],"json_schema":null},
      {"name":"mystery","type":"webhook-handler","returns":null,"json_schema":null}
    ]}"#;
    let templates = GetProviderTemplates::new("github")
        .decode(response(200, body))
        .unwrap();
    assert_eq!(templates.len(), 3);
    assert_eq!(templates[0].kind, Some(FunctionType::Sync));
    assert_eq!(templates[0].runs.as_deref(), Some("every hour"));
    assert_eq!(templates[0].auto_start, Some(true));
    assert_eq!(templates[1].input.as_deref(), Some("CreateIssue"));
    assert_eq!(templates[1].json_schema, None);
    assert_eq!(
        templates[2].kind,
        Some(FunctionType::Other("webhook-handler".into()))
    );
    assert!(templates[2].returns.is_empty());
}

#[test]
fn provider_ids_are_encoded() {
    check_ids(|id| GetProvider::new(id).request(&cfg()), "/providers/", "");
    check_ids(
        |id| GetProviderTemplates::new(id).request(&cfg()),
        "/providers/",
        "/templates",
    );
}
