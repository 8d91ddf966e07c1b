//! A `multipart/form-data` body read into what the validator judges: its
//! parts by name, text parts as their text and file parts as their file
//! name, a name sent more than once (or one the schema makes an array) as
//! an array. Only the part headers are parsed; no part is copied but the
//! text ones. Anything malformed reads as fewer parts, never a panic.

use serde_json::{Map, Value};

/// The parts of `body`, sent with `content_type`, and the names of those
/// that carried a file; `None` when the content type is not multipart or
/// names no boundary. `arrays` are the names the schema wants as arrays.
pub fn parts(content_type: &str, body: &[u8], arrays: &[&str]) -> Option<(Value, Vec<String>)> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = params.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_owned())
    })?;
    if boundary.is_empty() {
        return None;
    }
    let delimiter = format!("--{boundary}");
    let mut form = Map::new();
    let mut files = Vec::new();
    for segment in split(body, delimiter.as_bytes()).skip(1) {
        if segment.starts_with(b"--") {
            break;
        }
        let segment = segment.strip_prefix(b"\r\n").unwrap_or(segment);
        let Some(head_end) = find(segment, b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&segment[..head_end]);
        let content = &segment[head_end + 4..];
        let content = content.strip_suffix(b"\r\n").unwrap_or(content);
        let Some((name, filename)) = disposition(&head) else {
            continue;
        };
        if filename.is_some() && !files.contains(&name) {
            files.push(name.clone());
        }
        let value = Value::String(
            filename.unwrap_or_else(|| String::from_utf8_lossy(content).into_owned()),
        );
        match form.get_mut(&name) {
            Some(Value::Array(items)) => items.push(value),
            Some(first) => {
                let first = first.take();
                form.insert(name, Value::Array(vec![first, value]));
            }
            None if arrays.contains(&name.as_str()) => {
                form.insert(name, Value::Array(vec![value]));
            }
            None => {
                form.insert(name, value);
            }
        }
    }
    Some((Value::Object(form), files))
}

/// `name` and `filename` of a part's `Content-Disposition: form-data`.
fn disposition(head: &str) -> Option<(String, Option<String>)> {
    let line = head.lines().find(|l| {
        l.split_once(':')
            .is_some_and(|(k, _)| k.trim().eq_ignore_ascii_case("content-disposition"))
    })?;
    let (_, value) = line.split_once(':')?;
    let param = |wanted: &str| {
        value.split(';').find_map(|p| {
            let (k, v) = p.split_once('=')?;
            (k.trim() == wanted).then(|| v.trim().trim_matches('"').to_owned())
        })
    };
    Some((param("name")?, param("filename")))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `body` cut at every `delimiter`.
fn split<'a>(body: &'a [u8], delimiter: &'a [u8]) -> impl Iterator<Item = &'a [u8]> {
    let mut rest = Some(body);
    std::iter::from_fn(move || {
        let current = rest?;
        match find(current, delimiter) {
            Some(at) => {
                rest = Some(&current[at + delimiter.len()..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    const BODY: &[u8] = b"--xyz\r\nContent-Disposition: form-data; name=\"accountId\"\r\n\r\nacc-1\r\n\
--xyz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\x00\xff\r\n\
--xyz--\r\n";

    #[test]
    fn text_and_file_parts_by_name() {
        let (form, files) = parts("multipart/form-data; boundary=xyz", BODY, &["files"]).unwrap();
        assert_eq!(form, json!({"accountId": "acc-1", "files": ["a.pdf"]}));
        assert_eq!(files, ["files"]);
        assert_eq!(parts("application/json", BODY, &[]), None);
        assert_eq!(parts("multipart/form-data", BODY, &[]), None);
        let (empty, files) =
            parts("multipart/form-data; boundary=\"other\"", BODY, &["files"]).unwrap();
        assert_eq!(empty, json!({}));
        assert!(files.is_empty());
    }

    proptest! {
        #[test]
        fn any_bytes_read_without_panicking(body in prop::collection::vec(any::<u8>(), 0..512), boundary in "[a-z0-9]{0,8}") {
            let _ = parts(&format!("multipart/form-data; boundary={boundary}"), &body, &["files"]);
            let mut framed = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n").into_bytes();
            framed.extend(&body);
            let _ = parts(&format!("multipart/form-data; boundary={boundary}"), &framed, &[]);
        }
    }
}
