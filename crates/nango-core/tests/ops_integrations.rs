//! Request and decode tests of the integration and integration-function operations.

use http::Method;
use nango_core::endpoint::Endpoint;
use nango_core::error::InvalidReason;
use nango_core::models::connections::AuthMode;
use nango_core::models::functions::{FunctionSource, FunctionType};
use nango_core::models::integrations::{
    IntegrationCredentials, IntegrationInclude, IntegrationPatch, NewIntegration,
    NewQuickstartIntegration,
};
use nango_core::ops::integrations::*;
use nango_core::request::ApiRequest;
use nango_core::Error;
use serde_json::json;

mod common;
use common::*;

fn assert_bare(req: &ApiRequest) {
    assert!(req.headers().is_empty(), "{:?}", req.headers());
    assert!(req.body().is_none());
}

const ODD_IDS: [&str; 8] = [
    "a/b",
    "a?b",
    "a#b",
    "100%",
    "a&b=c",
    "with space",
    "ünïcødé-日本",
    "...",
];

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
    for id in ODD_IDS {
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

const INTEGRATION: &str = r#"{
  "unique_key": "github-prod", "display_name": "GitHub", "provider": "github",
  "logo": "https://app.nango.dev/images/template-logos/github.svg",
  "created_at": "2026-01-01T10:00:00.000Z", "updated_at": "2026-01-02T10:00:00.000Z",
  "forward_webhooks": true, "brand_new_field": [1, 2]
}"#;

#[test]
fn list_integrations_request_and_decode() {
    let req = ListIntegrations::new().request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path_and_query(), "/integrations");
    assert_bare(&req);

    let body = format!(
        r#"{{"data":[{INTEGRATION},{{"unique_key":"legacy","display_name":null,"provider":"slack","logo":"x",
        "created_at":"t","updated_at":"t"}}]}}"#
    );
    let list = ListIntegrations::new()
        .decode(response(200, &body))
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].unique_key, "github-prod");
    assert_eq!(list[0].forward_webhooks, Some(true));
    assert_eq!(list[1].display_name, None);
    assert!(list[1].forward_webhooks.is_none());
}

#[test]
fn get_integration_request_sends_every_include() {
    let req = GetIntegration::new("github").request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path_and_query(), "/integrations/github");
    assert_bare(&req);

    let req = GetIntegration::new("github")
        .include(IntegrationInclude::Webhook)
        .include(IntegrationInclude::Credentials)
        .include(IntegrationInclude::Webhook)
        .request(&cfg())
        .unwrap();
    // Deliberate difference: the official SDK's addQueryParams keeps only the last value.
    assert_eq!(
        req.path_and_query(),
        "/integrations/github?include=webhook&include=credentials"
    );
}

#[test]
fn get_integration_decode_with_credentials() {
    let body = r#"{"data":{
      "unique_key":"github-prod","display_name":"GitHub","provider":"github","logo":"l",
      "created_at":"2026-01-01T10:00:00.000Z","updated_at":"2026-01-02T10:00:00.000Z","forward_webhooks":false,
      "webhook_url":"https://api.nango.dev/webhook/7c9e6679/github",
      "credentials":{"type":"OAUTH2","client_id":"Iv1.abc","client_secret":"s3cr3t-value","scopes":"repo,user","webhook_secret":null},
      "credentials_label":{"client_id":"Client ID"},"unknown":{"x":1}
    }}"#;
    let i = GetIntegration::new("github-prod")
        .decode(response(200, body))
        .unwrap();
    assert_eq!(
        i.webhook_url.as_deref(),
        Some("https://api.nango.dev/webhook/7c9e6679/github")
    );
    let c = i.credentials.as_ref().unwrap();
    assert_eq!(c.kind, AuthMode::OAuth2);
    assert_eq!(
        c.client_secret.as_ref().unwrap().expose_secret(),
        "s3cr3t-value"
    );
    assert_eq!(c.scopes.as_deref(), Some("repo,user"));
    assert!(c.webhook_secret.is_none());
    assert!(
        !format!("{i:?}").contains("s3cr3t"),
        "secrets are redacted in Debug"
    );

    let app = r#"{"data":{"unique_key":"gh-app","display_name":"GitHub App","provider":"github-app","logo":"l",
      "created_at":"t","updated_at":"t","credentials":{"type":"APP","app_id":"123","private_key":"-----BEGIN RSA PRIVATE KEY-----k-----END RSA PRIVATE KEY-----","app_link":null}}}"#;
    let i = GetIntegration::new("gh-app")
        .decode(response(200, app))
        .unwrap();
    let c = i.credentials.unwrap();
    assert_eq!(c.kind, AuthMode::App);
    assert_eq!(c.app_id.as_deref(), Some("123"));
    assert!(c.app_link.is_none());

    let none = r#"{"data":{"unique_key":"k","display_name":"K","provider":"algolia","logo":"l","created_at":"t","updated_at":"t",
      "credentials":null,"webhook_url":null}}"#;
    let i = GetIntegration::new("k")
        .decode(response(200, none))
        .unwrap();
    assert!(i.credentials.is_none() && i.webhook_url.is_none());

    let future = r#"{"data":{"unique_key":"k","display_name":"K","provider":"x","created_at":"t","updated_at":"t",
      "credentials":{"type":"QUANTUM_OAUTH","client_id":"c","client_secret":null,"registration":"dynamic"}}}"#;
    let i = GetIntegration::new("k")
        .decode(response(200, future))
        .unwrap();
    assert_eq!(
        i.credentials.unwrap().kind,
        AuthMode::Other("QUANTUM_OAUTH".into())
    );
}

#[test]
fn create_integration_request_and_decode() {
    let body = NewIntegration::new("github", "github-prod")
        .display_name("GitHub")
        .credentials(
            IntegrationCredentials::oauth2("Iv1.abc", "s3cr3t")
                .scopes("repo,user")
                .webhook_secret("whsec"),
        )
        .integration_config("region", "eu")
        .forward_webhooks(false);
    let req = CreateIntegration::new(body).request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/integrations");
    assert!(!req.is_idempotent());
    assert_eq!(
        json_body_only(&req),
        json!({"provider":"github","unique_key":"github-prod","display_name":"GitHub",
               "credentials":{"type":"OAUTH2","client_id":"Iv1.abc","client_secret":"s3cr3t","scopes":"repo,user","webhook_secret":"whsec"},
               "integration_config":{"region":"eu"},"forward_webhooks":false})
    );

    let app = NewIntegration::new("github-app", "gh-app").credentials(IntegrationCredentials::app(
        "123",
        "https://github.com/apps/my-app",
        "-----BEGIN RSA PRIVATE KEY-----k-----END RSA PRIVATE KEY-----",
    ));
    let req = CreateIntegration::new(app).request(&cfg()).unwrap();
    assert_eq!(
        json_body_only(&req)["credentials"],
        json!({"type":"APP","app_id":"123","app_link":"https://github.com/apps/my-app",
               "private_key":"-----BEGIN RSA PRIVATE KEY-----k-----END RSA PRIVATE KEY-----"})
    );

    let created = CreateIntegration::new(NewIntegration::new("github", "github-prod"))
        .decode(response(200, &format!(r#"{{"data":{INTEGRATION}}}"#)))
        .unwrap();
    assert_eq!(created.provider, "github");

    for (provider, key, field) in [("", "k", "provider"), ("github", "", "unique_key")] {
        match CreateIntegration::new(NewIntegration::new(provider, key)).request(&cfg()) {
            Err(Error::InvalidInput(i)) => {
                assert_eq!(i.field, field);
                assert_eq!(i.reason, InvalidReason::Empty);
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn create_quickstart_integration_request_and_decode() {
    let body = NewQuickstartIntegration::new("github", "github-quickstart")
        .display_name("GitHub Quickstart")
        .forward_webhooks(false);
    let req = CreateQuickstartIntegration::new(body)
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/integrations/quickstart");
    assert!(!req.is_idempotent());
    assert_eq!(
        json_body_only(&req),
        json!({"provider":"github","unique_key":"github-quickstart","display_name":"GitHub Quickstart","forward_webhooks":false})
    );

    let op = CreateQuickstartIntegration::new(NewQuickstartIntegration::new("github", "gh"));
    // what the server sends...
    let one = op
        .decode(response(200, &format!(r#"{{"data":{INTEGRATION}}}"#)))
        .unwrap();
    assert_eq!(one.unique_key, "github-prod");
    // ...and what the OpenAPI document says it sends
    let list = op
        .decode(response(200, &format!(r#"{{"data":[{INTEGRATION}]}}"#)))
        .unwrap();
    assert_eq!(list, one);
    assert!(matches!(
        op.decode(response(200, r#"{"data":[]}"#)),
        Err(Error::Decode(_))
    ));
}

#[test]
fn update_integration_request_and_decode() {
    let req = UpdateIntegration::new(
        "github",
        IntegrationPatch::default()
            .display_name("GitHub (prod)")
            .forward_webhooks(true)
            .custom("team", "core"),
    )
    .request(&cfg())
    .unwrap();
    assert_eq!(req.method(), Method::PATCH);
    assert_eq!(req.path_and_query(), "/integrations/github");
    assert!(
        req.is_idempotent(),
        "writing the same values twice is harmless"
    );
    assert_eq!(
        json_body_only(&req),
        json!({"display_name":"GitHub (prod)","forward_webhooks":true,"custom":{"team":"core"}})
    );

    let rename = UpdateIntegration::new(
        "github",
        IntegrationPatch::default().unique_key("github-v2"),
    )
    .request(&cfg())
    .unwrap();
    assert_eq!(json_body_only(&rename), json!({"unique_key":"github-v2"}));
    assert!(
        !rename.is_idempotent(),
        "a repeated rename finds nothing at the old key"
    );
    assert_eq!(
        invalid_reason(
            UpdateIntegration::new("github", IntegrationPatch::default().unique_key(""))
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::Empty
    );

    let updated = UpdateIntegration::new("github", IntegrationPatch::default())
        .decode(response(200, &format!(r#"{{"data":{INTEGRATION}}}"#)))
        .unwrap();
    assert_eq!(updated.display_name.as_deref(), Some("GitHub"));
}

#[test]
fn delete_integration_request_and_decode() {
    let req = DeleteIntegration::new("github").request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::DELETE);
    assert_eq!(req.path_and_query(), "/integrations/github");
    assert_bare(&req);
    assert!(
        !req.is_idempotent(),
        "a second delete answers 404: never retried blindly"
    );
    let ok = DeleteIntegration::new("github")
        .decode(response(200, r#"{"success":true,"extra":0}"#))
        .unwrap();
    assert!(ok.success);
}

const SYNC_FN: &str = r#"{"name":"fetch-issues","description":"Fetches issues","scopes":["repo"],"type":"sync",
  "returns":["GithubIssue"],"json_schema":{"definitions":{"GithubIssue":{"type":"object"}}},"runs":"every hour",
  "auto_start":true,"track_deletes":true,"id":41,"enabled":true,"last_deployed":"2026-05-01T10:00:00.000Z",
  "source":"repo","brand_new":"x"}"#;

#[test]
fn list_functions_request_and_decode() {
    let req = ListFunctions::new("github").request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path_and_query(), "/integrations/github/functions");
    assert_bare(&req);

    let req = ListFunctions::new("github")
        .function_type(FunctionType::OnEvent)
        .search("issue tracker")
        .page(0)
        .limit(100)
        .request(&cfg())
        .unwrap();
    assert_eq!(
        req.path_and_query(),
        "/integrations/github/functions?type=on-event&search=issue%20tracker&page=0&limit=100"
    );
    for bad in [0, 101] {
        assert_eq!(
            invalid_reason(
                ListFunctions::new("g")
                    .limit(bad)
                    .request(&cfg())
                    .unwrap_err()
            ),
            InvalidReason::InvalidValue
        );
    }
    assert_eq!(
        invalid_reason(
            ListFunctions::new("g")
                .search("")
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::Empty
    );

    let body = format!(
        r#"{{"data":[{SYNC_FN},
          {{"name":"on-create","type":"on-event","event":"post-connection-creation","id":42,"enabled":true,
            "last_deployed":"2026-05-01T10:00:00.000Z","source":"marketplace"}}],
          "pagination":{{"total":45,"page":0,"limit":20}}}}"#
    );
    let list = ListFunctions::new("github")
        .decode(response(200, &body))
        .unwrap();
    assert_eq!(list.data.len(), 2);
    let sync = &list.data[0];
    assert_eq!(sync.function.kind, Some(FunctionType::Sync));
    assert_eq!(sync.function.track_deletes, Some(true));
    assert_eq!(sync.id, Some(41));
    assert_eq!(sync.source, Some(FunctionSource::Repo));
    let on_event = &list.data[1];
    assert_eq!(
        on_event.function.event.as_deref(),
        Some("post-connection-creation")
    );
    assert_eq!(
        on_event.source,
        Some(FunctionSource::Other("marketplace".into()))
    );
    assert_eq!(list.pagination.total, 45);
    assert!(list.pagination.has_more());
}

#[test]
fn get_function_request_and_decode() {
    let req = GetFunction::new("github", "fetch-issues")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(
        req.path_and_query(),
        "/integrations/github/functions/fetch-issues"
    );
    assert_bare(&req);
    let req = GetFunction::new("github", "issues")
        .function_type(FunctionType::Action)
        .request(&cfg())
        .unwrap();
    assert_eq!(
        req.path_and_query(),
        "/integrations/github/functions/issues?type=action"
    );

    let f = GetFunction::new("github", "fetch-issues")
        .decode(response(200, &format!(r#"{{"data":{SYNC_FN}}}"#)))
        .unwrap();
    assert_eq!(f.function.name, "fetch-issues");
    assert_eq!(f.function.returns, ["GithubIssue"]);
    assert_eq!(f.enabled, Some(true));
}

#[test]
fn get_function_code_request_and_decode() {
    let req = GetFunctionCode::new("github", "fetch-issues")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(
        req.path_and_query(),
        "/integrations/github/functions/fetch-issues/code"
    );
    assert_bare(&req);
    let req = GetFunctionCode::new("github", "fetch-issues")
        .function_type(FunctionType::Sync)
        .request(&cfg())
        .unwrap();
    assert_eq!(
        req.path_and_query(),
        "/integrations/github/functions/fetch-issues/code?type=sync"
    );

    let code = GetFunctionCode::new("github", "fetch-issues")
        .decode(response(
            200,
            r#"{"type":"sync","code":"export default createSync({})","lines":1}"#,
        ))
        .unwrap();
    assert_eq!(code.kind, Some(FunctionType::Sync));
    assert_eq!(code.code, "export default createSync({})");
    let future = GetFunctionCode::new("g", "f")
        .decode(response(200, r#"{"type":"agent","code":""}"#))
        .unwrap();
    assert_eq!(future.kind, Some(FunctionType::Other("agent".into())));
}

#[test]
fn delete_function_request_and_decode() {
    let req = DeleteFunction::new("github", "create-issue", FunctionType::Action)
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::DELETE);
    assert_eq!(
        req.path_and_query(),
        "/integrations/github/functions/create-issue?type=action"
    );
    assert_bare(&req);
    assert!(!req.is_idempotent());
    assert_eq!(
        invalid_reason(
            DeleteFunction::new("g", "f", FunctionType::Other(String::new()))
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::Empty
    );
    let ok = DeleteFunction::new("github", "create-issue", FunctionType::Action)
        .decode(response(200, r#"{"data":{"success":true}}"#))
        .unwrap();
    assert!(ok.success);
}

#[test]
fn integration_ids_are_encoded() {
    check_ids(
        |id| GetIntegration::new(id).request(&cfg()),
        "/integrations/",
        "",
    );
    check_ids(
        |id| UpdateIntegration::new(id, IntegrationPatch::default()).request(&cfg()),
        "/integrations/",
        "",
    );
    check_ids(
        |id| DeleteIntegration::new(id).request(&cfg()),
        "/integrations/",
        "",
    );
    check_ids(
        |id| ListFunctions::new(id).request(&cfg()),
        "/integrations/",
        "/functions",
    );
    check_ids(
        |id| GetFunction::new(id, "f").request(&cfg()),
        "/integrations/",
        "/functions/f",
    );
    check_ids(
        |id| GetFunction::new("k", id).request(&cfg()),
        "/integrations/k/functions/",
        "",
    );
    check_ids(
        |id| GetFunctionCode::new(id, "f").request(&cfg()),
        "/integrations/",
        "/functions/f/code",
    );
    check_ids(
        |id| GetFunctionCode::new("k", id).request(&cfg()),
        "/integrations/k/functions/",
        "/code",
    );
    check_ids(
        |id| DeleteFunction::new(id, "f", FunctionType::Sync).request(&cfg()),
        "/integrations/",
        "/functions/f",
    );
    check_ids(
        |id| DeleteFunction::new("k", id, FunctionType::Sync).request(&cfg()),
        "/integrations/k/functions/",
        "",
    );
}
