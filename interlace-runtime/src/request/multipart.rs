//! A `multipart/form-data` body of text fields and files.

use std::fmt;

use super::RequestParts;

/// One file of a `multipart/form-data` body.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    /// Form field name, e.g. `files`.
    pub field: String,
    /// File name sent to the server.
    pub file_name: String,
    /// MIME type, e.g. `image/jpeg`.
    pub content_type: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for FilePart {
    // Identity documents go through here: print their size, not their bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("field", &self.field)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &format_args!("[{} bytes]", self.bytes.len()))
            .finish()
    }
}

impl RequestParts {
    /// Sets a `multipart/form-data` body of text fields and files.
    pub fn multipart_body(&mut self, fields: &[(&str, &str)], files: &[FilePart]) {
        if let Err(message) = self.try_multipart_body(fields, files) {
            self.reject(message);
        }
    }

    fn try_multipart_body(
        &mut self,
        fields: &[(&str, &str)],
        files: &[FilePart],
    ) -> Result<(), String> {
        let boundary = format!("interlace-{}", uuid::Uuid::new_v4().simple());
        let quoted = |s: &str| -> Result<String, String> {
            if s.contains(['"', '\r', '\n']) {
                return Err(format!("multipart name `{s}` holds a quote or line break"));
            }
            Ok(format!("\"{s}\""))
        };
        let mut body = Vec::new();
        for (name, value) in fields {
            let head = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name={}\r\n\r\n",
                quoted(name)?
            );
            body.extend_from_slice(head.as_bytes());
            body.extend_from_slice(value.as_bytes());
            body.extend_from_slice(b"\r\n");
        }
        for file in files {
            if file.content_type.chars().any(|c| c.is_control()) {
                return Err("a file's content type holds a control character".into());
            }
            let head = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name={}; filename={}\r\nContent-Type: {}\r\n\r\n",
                quoted(&file.field)?,
                quoted(&file.file_name)?,
                file.content_type
            );
            body.extend_from_slice(head.as_bytes());
            body.extend_from_slice(&file.bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.body = Some(body);
        self.content_type = Some(format!("multipart/form-data; boundary={boundary}"));
        Ok(())
    }
}
