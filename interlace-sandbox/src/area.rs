//! What the handlers of the API areas (accounts, cardholders, cards,
//! budgets, transfers) work with: the domain data and the webhook outbox,
//! and nothing of the other subsystems.

use std::sync::{Arc, MutexGuard};

use serde_json::Value;

use crate::state::{Data, Domain};
use crate::webhooks::{self, Outbox};

#[derive(Clone)]
pub struct Area {
    pub domain: Arc<Domain>,
    pub outbox: Arc<Outbox>,
}

impl Area {
    pub fn data(&self) -> MutexGuard<'_, Data> {
        self.domain.lock()
    }

    /// Sends a delivery, if a URL is registered.
    pub fn emit(&self, event_type: &str, resource: Value) {
        webhooks::emit(&self.outbox, event_type, resource);
    }
}
