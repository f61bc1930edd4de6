//! The built-in provider catalogue: a handful of providers covering each auth mode, with
//! their proxy base URLs and how credentials are injected into proxied requests.

use serde_json::{json, Value};

/// How the proxy injects a connection's credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Injection {
    /// `Authorization: Bearer <access token or api key>`.
    Bearer,
    /// `Authorization: Basic base64(username:password)`.
    Basic,
    /// `Authorization: OAuth oauth_token="..."` (simplified OAuth 1.0a header).
    OAuth1,
    /// Nothing.
    None,
}

/// One provider of the catalogue.
#[derive(Debug, Clone)]
pub struct Provider {
    /// Provider name (`github`).
    pub name: &'static str,
    /// Display name.
    pub display_name: &'static str,
    /// Auth mode (`OAUTH2`, `API_KEY`, `BASIC`, `OAUTH1`, `NONE`, `OAUTH2_CC`).
    pub auth_mode: &'static str,
    /// Proxy base URL, when the provider has one.
    pub base_url: Option<&'static str>,
    /// Categories.
    pub categories: &'static [&'static str],
    /// OAuth authorization URL.
    pub authorization_url: Option<&'static str>,
    /// OAuth token URL.
    pub token_url: Option<&'static str>,
    /// Credential injection.
    pub injection: Injection,
    /// Provider webhook routing: field of the incoming payload that identifies the connection.
    pub webhook_routing_field: Option<&'static str>,
}

impl Provider {
    /// The provider as the API shows it (`GET /providers`).
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "name": self.name,
            "display_name": self.display_name,
            "logo_url": format!("https://app.nango.dev/images/template-logos/{}.svg", self.name),
            "auth_mode": self.auth_mode,
            "categories": self.categories,
            "docs": format!("https://nango.dev/docs/integrations/all/{}", self.name),
        });
        if let Some(m) = v.as_object_mut() {
            if let Some(b) = self.base_url {
                m.insert("proxy".into(), json!({"base_url": b}));
            }
            if let Some(u) = self.authorization_url {
                m.insert("authorization_url".into(), json!(u));
            }
            if let Some(u) = self.token_url {
                m.insert("token_url".into(), json!(u));
            }
            if self.auth_mode == "OAUTH2" {
                m.insert("default_scopes".into(), json!([]));
            }
        }
        v
    }

    /// Template functions offered for this provider (`GET /providers/{provider}/templates`).
    pub fn templates(&self) -> Value {
        json!([
            {
                "name": "items",
                "type": "sync",
                "description": format!("Fetches items from {}", self.display_name),
                "returns": ["Item"],
                "json_schema": {"definitions": {"Item": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}}},
                "runs": "every hour",
                "auto_start": true,
                "track_deletes": false,
                "scopes": []
            },
            {
                "name": "create-item",
                "type": "action",
                "description": format!("Creates an item in {}", self.display_name),
                "returns": ["Item"],
                "json_schema": null,
                "input": "CreateItemInput",
                "scopes": []
            }
        ])
    }
}

const PROVIDERS: &[Provider] = &[
    Provider {
        name: "github",
        display_name: "GitHub",
        auth_mode: "OAUTH2",
        base_url: Some("https://api.github.com"),
        categories: &["dev-tools", "ticketing"],
        authorization_url: Some("https://github.com/login/oauth/authorize"),
        token_url: Some("https://github.com/login/oauth/access_token"),
        injection: Injection::Bearer,
        webhook_routing_field: None,
    },
    Provider {
        name: "slack",
        display_name: "Slack",
        auth_mode: "OAUTH2",
        base_url: Some("https://slack.com/api"),
        categories: &["communication"],
        authorization_url: Some("https://slack.com/oauth/v2/authorize"),
        token_url: Some("https://slack.com/api/oauth.v2.access"),
        injection: Injection::Bearer,
        webhook_routing_field: Some("team_id"),
    },
    Provider {
        name: "google",
        display_name: "Google",
        auth_mode: "OAUTH2",
        base_url: Some("https://www.googleapis.com"),
        categories: &["popular"],
        authorization_url: Some("https://accounts.google.com/o/oauth2/v2/auth"),
        token_url: Some("https://oauth2.googleapis.com/token"),
        injection: Injection::Bearer,
        webhook_routing_field: None,
    },
    Provider {
        name: "hubspot",
        display_name: "HubSpot",
        auth_mode: "OAUTH2",
        base_url: Some("https://api.hubapi.com"),
        categories: &["marketing", "crm"],
        authorization_url: Some("https://app.hubspot.com/oauth/authorize"),
        token_url: Some("https://api.hubapi.com/oauth/v1/token"),
        injection: Injection::Bearer,
        webhook_routing_field: Some("portalId"),
    },
    Provider {
        name: "airtable-pat",
        display_name: "Airtable (Personal Access Token)",
        auth_mode: "API_KEY",
        base_url: Some("https://api.airtable.com"),
        categories: &["productivity"],
        authorization_url: None,
        token_url: None,
        injection: Injection::Bearer,
        webhook_routing_field: None,
    },
    Provider {
        name: "stripe",
        display_name: "Stripe (API Key)",
        auth_mode: "API_KEY",
        base_url: Some("https://api.stripe.com"),
        categories: &["payment"],
        authorization_url: None,
        token_url: None,
        injection: Injection::Bearer,
        webhook_routing_field: None,
    },
    Provider {
        name: "mailgun",
        display_name: "Mailgun",
        auth_mode: "BASIC",
        base_url: Some("https://api.mailgun.net"),
        categories: &["communication"],
        authorization_url: None,
        token_url: None,
        injection: Injection::Basic,
        webhook_routing_field: None,
    },
    Provider {
        name: "twitter",
        display_name: "Twitter (OAuth 1.0a)",
        auth_mode: "OAUTH1",
        base_url: Some("https://api.twitter.com"),
        categories: &["social"],
        authorization_url: Some("https://api.twitter.com/oauth/authorize"),
        token_url: Some("https://api.twitter.com/oauth/access_token"),
        injection: Injection::OAuth1,
        webhook_routing_field: None,
    },
    Provider {
        name: "unauthenticated",
        display_name: "Unauthenticated",
        auth_mode: "NONE",
        base_url: None,
        categories: &["other"],
        authorization_url: None,
        token_url: None,
        injection: Injection::None,
        webhook_routing_field: Some("connectionId"),
    },
    Provider {
        name: "salesforce-cc",
        display_name: "Salesforce (Client Credentials)",
        auth_mode: "OAUTH2_CC",
        base_url: Some("https://login.salesforce.com"),
        categories: &["crm"],
        authorization_url: None,
        token_url: Some("https://login.salesforce.com/services/oauth2/token"),
        injection: Injection::Bearer,
        webhook_routing_field: None,
    },
];

/// All providers.
pub fn all() -> &'static [Provider] {
    PROVIDERS
}

/// One provider by name.
pub fn get(name: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| p.name == name)
}
