//! How the JSON body is kept: written one field at a time straight into the
//! request buffer, always a complete object between fields. The writers
//! endpoints call are in `mod.rs`, so that messages name them as
//! `RequestParts::body_field` and the like.

use super::RequestParts;

impl RequestParts {
    /// The body as a JSON object, `{}` if nothing was added yet.
    pub(super) fn body_object(&mut self) -> &mut Vec<u8> {
        self.body.get_or_insert_with(|| b"{}".to_vec())
    }

    // The body is kept a complete object between fields: an entry replaces
    // the closing brace, and whoever reopens the object puts it back.
    pub(super) fn reopen_body(&mut self) -> &mut Vec<u8> {
        let body = self.body_object();
        body.pop();
        if body.len() > 1 {
            body.push(b',');
        }
        body
    }

    pub(super) fn open_body_entry(&mut self, name: &str) -> &mut Vec<u8> {
        let body = self.reopen_body();
        // A `&str` always serializes.
        let _ = serde_json::to_writer(&mut *body, name);
        body.push(b':');
        body
    }

    pub(super) fn close_body_entry(&mut self, name: &str, written: Result<(), serde_json::Error>) {
        // The object is closed even after a failed write, so later fields
        // still land in a well-formed (if never sent) body.
        self.body_object().push(b'}');
        if let Err(e) = written {
            self.reject(format!("body field `{name}`: {e}"));
        }
    }

    pub(super) fn splice_object(&mut self, name: &str, bytes: Result<Vec<u8>, serde_json::Error>) {
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
