//! The JSON body, written one field at a time straight into the request
//! buffer, always a complete object between fields.

use serde::Serialize;

use super::RequestParts;

impl RequestParts {
    /// Sets the JSON body.
    pub fn json_body<T: Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(bytes),
            Err(e) => self.reject(format!("body: {e}")),
        }
    }

    /// Adds `"name": value` to the JSON object body, starting the object if
    /// needed. Fields keep the order they are added in.
    ///
    /// ```
    /// # use interlace_runtime::RequestParts;
    /// let mut req = RequestParts::new("create_card");
    /// req.body_field("accountId", "acc-1");
    /// req.body_opt("amount", &Some(25));
    /// req.body_opt::<u32>("label", &None);
    /// assert_eq!(req.body_bytes(), Some(&br#"{"accountId":"acc-1","amount":25}"#[..]));
    /// ```
    pub fn body_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let body = self.open_body_entry(name);
        let written = serde_json::to_writer(&mut *body, value);
        self.close_body_entry(name, written)
    }

    /// Like [`body_field`](Self::body_field) for an optional field: `None`
    /// leaves the field out, though the body is still an object.
    pub fn body_opt<T: Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        match value {
            Some(value) => self.body_field(name, value),
            None => {
                self.body_object();
            }
        }
    }

    /// Spreads the entries of `value`, which must serialize to a JSON object
    /// (or to `null`, which adds nothing), into the body. `name` is the
    /// field's name, for the error.
    pub fn body_flatten<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let bytes = serde_json::to_vec(value);
        self.splice_object(name, bytes)
    }

    /// The body as a JSON object, `{}` if nothing was added yet.
    fn body_object(&mut self) -> &mut Vec<u8> {
        self.body.get_or_insert_with(|| b"{}".to_vec())
    }

    // The body is kept a complete object between fields: an entry replaces
    // the closing brace, and whoever reopens the object puts it back.
    fn reopen_body(&mut self) -> &mut Vec<u8> {
        let body = self.body_object();
        body.pop();
        if body.len() > 1 {
            body.push(b',');
        }
        body
    }

    fn open_body_entry(&mut self, name: &str) -> &mut Vec<u8> {
        let body = self.reopen_body();
        // A `&str` always serializes.
        let _ = serde_json::to_writer(&mut *body, name);
        body.push(b':');
        body
    }

    fn close_body_entry(&mut self, name: &str, written: Result<(), serde_json::Error>) {
        // The object is closed even after a failed write, so later fields
        // still land in a well-formed (if never sent) body.
        self.body_object().push(b'}');
        if let Err(e) = written {
            self.reject(format!("body field `{name}`: {e}"));
        }
    }

    fn splice_object(&mut self, name: &str, bytes: Result<Vec<u8>, serde_json::Error>) {
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(e) => return self.reject(format!("body field `{name}`: {e}")),
        };
        let entries = match bytes.as_slice() {
            b"null" => &[][..],
            [b'{', inner @ .., b'}'] => inner,
            _ => {
                return self.reject(format!(
                    "body field `{name}` is spread into the body but is not an object"
                ));
            }
        };
        if entries.is_empty() {
            self.body_object();
        } else {
            let body = self.reopen_body();
            body.extend_from_slice(entries);
            body.push(b'}');
        }
    }
}
