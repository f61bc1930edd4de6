//! Integrations and the functions deployed to them.

use super::Client;
use crate::models::functions::FunctionType;
use crate::models::integrations::{IntegrationPatch, NewIntegration, NewQuickstartIntegration};
use crate::ops::integrations::{
    CreateIntegration, CreateQuickstartIntegration, DeleteFunction, DeleteIntegration, GetFunction,
    GetFunctionCode, GetIntegration, ListFunctions, ListIntegrations, UpdateIntegration,
};
use crate::transport::Transport;

impl<T: Transport> Client<T> {}

// The methods of this group declared by the table.
include!("integrations.gen.rs");
