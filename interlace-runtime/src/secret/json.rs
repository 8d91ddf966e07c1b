//! Masking a JSON value as a whole: what the proxy's report and the
//! emulator's request log show of a body.

use serde_json::Value;

use super::{KnownSecrets, MASK, is_secret_name, mask_card_numbers};

impl KnownSecrets {
    /// `value` with the value of every credential-named field replaced by
    /// [`MASK`], and every string (and every number that is a card number)
    /// masked as [`KnownSecrets::mask`] masks text.
    ///
    /// ```
    /// use interlace_runtime::secret::KnownSecrets;
    /// use serde_json::json;
    ///
    /// let shown = KnownSecrets::new().mask_json(&json!({
    ///     "cvv": "123",
    ///     "cardId": "0b6b7c1e-8d53-4f5e-9f9a-4c2d8e1f3a5b",
    ///     "note": "card 4111111111111111",
    ///     "amount": 4111111111111111u64,
    /// }));
    /// assert_eq!(shown, json!({
    ///     "cvv": "[masked]",
    ///     "cardId": "0b6b7c1e-8d53-4f5e-9f9a-4c2d8e1f3a5b",
    ///     "note": "card ****1111",
    ///     "amount": "****1111",
    /// }));
    /// ```
    pub fn mask_json(&self, value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let shown = if is_secret_name(k) && !v.is_object() && !v.is_array() {
                            Value::String(MASK.into())
                        } else {
                            self.mask_json(v)
                        };
                        (self.mask(k), shown)
                    })
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.mask_json(v)).collect()),
            Value::String(s) => Value::String(self.mask(s)),
            Value::Number(n) => {
                let text = n.to_string();
                let masked = mask_card_numbers(&text);
                if masked == text {
                    value.clone()
                } else {
                    Value::String(masked)
                }
            }
            other => other.clone(),
        }
    }
}
