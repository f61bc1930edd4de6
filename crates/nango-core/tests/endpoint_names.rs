//! Every endpoint's `NAME` (the `operation` of the client's `nango.request`
//! span) is its type's name in snake_case, and no two endpoints share one.

use std::collections::BTreeSet;

use nango_core::endpoint::Endpoint;
use nango_core::ops::{
    actions, connect, connections, environments, functions, integrations, providers, proxy,
    records, scripts, syncs,
};

/// `GetConnectionField<serde_json::Value>` → `get_connection_field`.
fn snake_case_of<E>() -> String {
    let full = std::any::type_name::<E>();
    let name = full.split('<').next().unwrap_or(full);
    let name = name.rsplit("::").next().unwrap_or(name);
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

macro_rules! names {
    ($($ty:ty),* $(,)?) => {
        vec![$((<$ty as Endpoint>::NAME, snake_case_of::<$ty>())),*]
    };
}

#[test]
fn every_endpoint_is_named_after_its_type() {
    type V = serde_json::Value;
    let names = names![
        actions::TriggerAction<V>,
        actions::TriggerActionAsync,
        actions::GetActionResult<V>,
        connect::CreateSession,
        connect::CreateReconnect,
        connect::GetSession,
        connect::DeleteSession,
        connections::ListConnections,
        connections::GetConnection,
        connections::ImportConnection,
        connections::PatchConnection,
        connections::DeleteConnection,
        connections::SetMetadata,
        connections::GetToken,
        connections::GetConnectionField<V>,
        environments::CreateEnvironment,
        environments::DeleteEnvironment,
        environments::CreateApiKey,
        environments::DeleteApiKey,
        environments::RotateWebhookSigningKey,
        functions::CompileFunction,
        functions::CreateFunctionDryrun,
        functions::GetFunctionDryrun,
        functions::CreateFunctionDeployment,
        functions::GetFunctionDeployment,
        integrations::ListIntegrations,
        integrations::GetIntegration,
        integrations::CreateIntegration,
        integrations::CreateQuickstartIntegration,
        integrations::UpdateIntegration,
        integrations::DeleteIntegration,
        integrations::ListFunctions,
        integrations::GetFunction,
        integrations::GetFunctionCode,
        integrations::DeleteFunction,
        providers::ListProviders,
        providers::GetProvider,
        providers::GetProviderTemplates,
        proxy::Proxy,
        records::ListRecords<V>,
        records::PruneRecords,
        scripts::GetScriptsConfig,
        scripts::GetScriptsConfigOpenAi,
        scripts::GetEnvironmentVariables,
        syncs::TriggerSync,
        syncs::StartSync,
        syncs::PauseSync,
        syncs::GetSyncStatus,
        syncs::UpdateSyncFrequency,
        syncs::CreateSyncVariant,
        syncs::DeleteSyncVariant,
    ];
    assert_eq!(names.len(), 51);
    for (name, expected) in &names {
        assert_eq!(name, expected);
    }
    let distinct: BTreeSet<_> = names.iter().map(|(name, _)| name).collect();
    assert_eq!(distinct.len(), names.len());
}
