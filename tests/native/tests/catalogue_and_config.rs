//! The native client end to end against the local Nango server: providers,
//! integrations and their functions, scripts config, environment variables,
//! environments and API keys, signing-key rotation, function deployment.

mod common;

use nango::models::environments::NewEnvironment;
use nango::models::functions::{DeployCode, FunctionType, NewDryrun};
use nango::models::integrations::{
    IntegrationInclude, IntegrationPatch, NewIntegration, NewQuickstartIntegration,
};
use nango::webhook::{SignedWebhook, WebhookVerifier};
use nango::Nango;
use nango_local_server::{Seed, ServerConfig};

#[tokio::test]
async fn providers() {
    let server = common::server().await;
    let nango = common::client(&server);
    let all = nango.list_providers().await.unwrap();
    assert!(all.len() >= 5);
    let found = nango.list_providers().search("git").await.unwrap();
    assert!(found.iter().any(|p| p.name == "github"), "{found:?}");
    let github = nango.get_provider("github").await.unwrap();
    assert_eq!(github.name, "github");
    let err = nango.get_provider("no-such-provider").await.unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::NOT_FOUND));
    nango.get_provider_templates("github").await.unwrap();
}

#[tokio::test]
async fn integrations_crud_and_functions() {
    let server = common::server().await;
    let nango = common::client(&server);
    let created = nango
        .create_integration(NewIntegration::new("github", "gh-main").display_name("GitHub"))
        .await
        .unwrap();
    assert_eq!(
        (created.unique_key.as_str(), created.provider.as_str()),
        ("gh-main", "github")
    );
    let dup = nango
        .create_integration(NewIntegration::new("github", "gh-main"))
        .await
        .unwrap_err();
    let api = dup.as_api().unwrap();
    assert_eq!(api.status, 400);
    assert_eq!(
        api.errors[0].message.as_deref(),
        Some("Unique key already exists")
    );

    nango
        .create_quickstart_integration(NewQuickstartIntegration::new("slack", "slack-qs"))
        .await
        .unwrap();
    let list = nango.list_integrations().await.unwrap();
    let keys: Vec<&str> = list.iter().map(|i| i.unique_key.as_str()).collect();
    assert!(
        keys.contains(&"gh-main") && keys.contains(&"slack-qs"),
        "{keys:?}"
    );

    let got = nango
        .get_integration("gh-main")
        .include(IntegrationInclude::Webhook)
        .include(IntegrationInclude::Credentials)
        .await
        .unwrap();
    assert_eq!(got.unique_key, "gh-main");
    let query = server
        .requests()
        .iter()
        .rev()
        .find(|r| r.path == "/integrations/gh-main" && r.method == "GET")
        .and_then(|r| r.query.clone())
        .unwrap();
    assert!(
        query.contains("include=webhook") && query.contains("include=credentials"),
        "{query}"
    );

    let renamed = nango
        .update_integration(
            "gh-main",
            IntegrationPatch::default().unique_key("gh-renamed"),
        )
        .await
        .unwrap();
    assert_eq!(renamed.unique_key, "gh-renamed");

    let functions = nango.list_functions("gh-renamed").await.unwrap();
    let _ = format!("{functions:?}");
    let sync = nango
        .get_function("gh-renamed", "items")
        .function_type(FunctionType::Sync)
        .await;
    if let Ok(f) = &sync {
        let _ = format!("{f:?}");
        nango
            .get_function_code("gh-renamed", "items")
            .function_type(FunctionType::Sync)
            .await
            .unwrap();
        nango
            .delete_function("gh-renamed", "items", FunctionType::Sync)
            .await
            .unwrap();
    }

    assert!(
        nango
            .delete_integration("gh-renamed")
            .await
            .unwrap()
            .success
    );
    assert_eq!(
        nango
            .get_integration("gh-renamed")
            .await
            .unwrap_err()
            .status(),
        Some(http::StatusCode::NOT_FOUND)
    );
}

#[tokio::test]
async fn scripts_config_and_environment_variables() {
    let server = common::server_with(
        ServerConfig::default().seed(Seed::new().env_var("REGION", "eu").env_var("TIER", "gold")),
    )
    .await;
    let nango = common::client(&server);
    let vars = nango.get_environment_variables().await.unwrap();
    assert_eq!(vars.len(), 2);
    assert!(vars.iter().any(|v| v.name == "REGION"));
    common::integration(&nango, "airtable").await;
    let configs = nango.get_scripts_config().await.unwrap();
    let _ = format!("{configs:?}");
    let openai = nango.get_scripts_config_openai().await.unwrap();
    let _ = format!("{openai:?}");
}

#[tokio::test]
async fn environments_api_keys_and_rotation() {
    let server = common::server().await;
    let nango = common::client(&server);
    let env = nango
        .create_environment(NewEnvironment::new("staging"))
        .await
        .unwrap();
    assert_eq!(env.name, "staging");
    let key = nango
        .create_environment_api_key(env.id, "ci")
        .await
        .unwrap();
    // the new key authenticates against the new environment
    let staging = Nango::builder()
        .api_key(key.secret.expose_secret())
        .host(server.base_url())
        .build()
        .unwrap();
    assert!(staging
        .list_connections()
        .await
        .unwrap()
        .connections
        .is_empty());
    assert!(
        !format!("{key:?}").contains(key.secret.expose_secret()),
        "the key is redacted"
    );
    nango
        .delete_environment_api_key(env.id, key.id)
        .await
        .unwrap();
    assert_eq!(
        staging.list_connections().await.unwrap_err().status(),
        Some(http::StatusCode::UNAUTHORIZED)
    );
    nango.delete_environment(env.id).await.unwrap();

    // rotation: both keys sign during the window; a verifier holding both accepts either
    let old = server.webhook_signing_key();
    let rotated = nango.rotate_webhook_signing_key().await.unwrap();
    let new = rotated.webhook_signing_key.expose_secret().to_owned();
    assert_ne!(new, old);
    let verifier = WebhookVerifier::new(new.as_str()).with_key(old.as_str());
    for key in [&new, &old] {
        let signed = SignedWebhook::new(
            key.as_bytes(),
            br#"{"from":"nango","type":"auth"}"#.to_vec(),
        );
        verifier.verify(&signed.body, &signed.header_map()).unwrap();
    }
}

#[tokio::test]
async fn function_compile_dryrun_deploy() {
    let server = common::server().await;
    let nango = common::client(&server);
    common::integration(&nango, "airtable").await;
    nango
        .import_connection(
            nango::models::connections::UpsertConnection::new(
                "airtable",
                serde_json::json!({"type": "API_KEY", "apiKey": "k"}),
            )
            .connection_id("c1"),
        )
        .await
        .unwrap();
    let code = "export default createAction({ exec: async () => ({ ok: true }) });";
    let compiled = nango.compile_function(code).await.unwrap();
    assert!(compiled.bundle_size_bytes > 0);
    let job = nango
        .create_function_dryrun(NewDryrun::new("airtable", FunctionType::Action, code, "c1"))
        .await
        .unwrap();
    let dry = nango.get_function_dryrun(&job.id).await.unwrap();
    let _ = format!("{dry:?}");
    let job = nango
        .create_function_deployment(DeployCode::new(
            "airtable",
            "my-action",
            FunctionType::Action,
            code,
        ))
        .await
        .unwrap();
    let deployed = nango.get_function_deployment(&job.id).await.unwrap();
    let _ = format!("{deployed:?}");
    assert_eq!(
        nango
            .get_function_dryrun("does-not-exist")
            .await
            .unwrap_err()
            .status(),
        Some(http::StatusCode::NOT_FOUND)
    );
}
