//! The methods of `Nango`, one module per API group (several `impl` blocks of the
//! one exported class). Each method only turns its JavaScript arguments into one of
//! the core's operations; [`crate::js::call`] sends it and shapes the answer.

mod actions;
mod connect;
mod connections;
mod environments;
mod functions;
mod integrations;
mod providers;
mod proxy;
mod records;
mod scripts;
mod syncs;
mod webhooks;
