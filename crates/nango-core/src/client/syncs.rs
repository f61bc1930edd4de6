//! Syncs: trigger, start, pause, status, frequency and variants.

use super::{call_options, Client};
use crate::models::syncs::{SyncRef, SyncSelection, TriggerMode};
use crate::ops::syncs::{
    CreateSyncVariant, DeleteSyncVariant, GetSyncStatus, PauseSync, StartSync, TriggerSync,
    UpdateSyncFrequency,
};
use crate::transport::Transport;

call_options!(TriggerSync {
    /// See [`TriggerSync::connection_id`].
    connection_id(id: impl Into<String>);
    /// See [`TriggerSync::mode`].
    mode(mode: impl Into<TriggerMode>);
    /// See [`TriggerSync::reset`].
    reset(yes: bool);
    /// See [`TriggerSync::empty_cache`].
    empty_cache(yes: bool);
});

impl<T: Transport> Client<T> {}

// The methods of this group declared by the table.
include!("syncs.gen.rs");
