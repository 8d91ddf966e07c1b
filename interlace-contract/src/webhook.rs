//! The document's webhooks (OpenAPI 3.1 `webhooks`): what the API sends to
//! your server, rather than what you send to it.

use serde_json::Value;

use crate::Confidence;
use crate::schema::{Schema, confidence_of};

/// One webhook: a request the API makes to your server.
///
/// ```
/// let contract = interlace_contract::bundled();
/// let hooks = contract.webhooks();
/// let created = hooks
///     .iter()
///     .find(|w| w.event_type() == Some("CARD_TRANSACTION.CREATED"))
///     .unwrap();
/// assert!(created.resource().unwrap().property("transactionAmount").is_some());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Webhook<'a> {
    /// Its key in `webhooks`.
    pub name: &'a str,
    /// Its `operationId`.
    pub id: &'a str,
    /// Its `x-interlace-confidence`.
    pub confidence: Option<Confidence>,
    /// The schema of the request body the API sends.
    pub body: Option<Schema<'a>>,
}

impl<'a> Webhook<'a> {
    /// The `eventType` the body fixes (a `const`), for a delivery of one
    /// event type.
    pub fn event_type(&self) -> Option<&'a str> {
        self.body?
            .property("eventType")?
            .get("const")
            .and_then(Value::as_str)
    }

    /// The schema of the JSON carried as a string in the body's `resource`
    /// (its `contentSchema`).
    pub fn resource(&self) -> Option<Schema<'a>> {
        let resource = self.body?.property("resource")?;
        let schema = resource.get("contentSchema")?;
        Some(resource.child(schema))
    }
}

pub(crate) fn read<'a>(root: &'a Value) -> Vec<Webhook<'a>> {
    let Some(hooks) = root.get("webhooks").and_then(Value::as_object) else {
        return Vec::new();
    };
    hooks
        .iter()
        .filter_map(|(name, item)| {
            let op = item.get("post")?;
            let body = op
                .pointer("/requestBody/content/application~1json/schema")
                .map(|s| Schema::new(root, s));
            Some(Webhook {
                name,
                id: op
                    .get("operationId")
                    .and_then(Value::as_str)
                    .unwrap_or(name),
                confidence: confidence_of(op),
                body,
            })
        })
        .collect()
}
