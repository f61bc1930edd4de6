//! The methods of `Nango`, one module per API group (several `impl` blocks of the
//! one exported class).

mod connect;
mod connections;
mod webhooks;
