//! The secrets a client knows by value, and masking them wherever they
//! appear in text.

use std::ops::Range;
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use super::{EXCERPT_LIMIT, ExposeSecret, MASK, SecretString, mask};

/// A secret shorter than this is not masked by value: it would match
/// ordinary text. Interlace's secrets are 32 to 64 characters.
const SHORTEST: usize = 6;

/// A server that cuts an echoed secret short still shows its start: this
/// many leading bytes of a secret, followed by as much of the rest as
/// matches, are masked wherever they appear.
const PROBE: usize = 8;

/// At the very end of a text, this many leading bytes of a secret are
/// enough: the text was cut inside it.
const TAIL: usize = 4;

/// Expiring secrets kept at most; the oldest go first.
const MOST_EXPIRING: usize = 32;

/// The secret values a client knows, to mask them in any text it shows.
///
/// A [`crate::Client`] keeps one: its client secret (also the key of the
/// card data), and each access and refresh token it obtains or reads from
/// its token store, kept until the token expires. Clones share the set.
/// `Debug` shows how many there are, never what.
///
/// ```
/// use interlace_runtime::secret::{KnownSecrets, SecretString};
///
/// let known = KnownSecrets::new();
/// known.insert(&SecretString::from("5f4dcc3b5aa765d61d8327deb882cf99"));
/// // Escaped, encoded or cut short, it is still found.
/// assert_eq!(
///     known.mask(r#"{"echo":"secret=5f4dcc3b5aa765d61d8327deb882cf99"} …5f4dcc3b5a"#),
///     r#"{"echo":"secret=[masked]"} …[masked]"#
/// );
/// ```
#[derive(Clone, Default)]
pub struct KnownSecrets {
    inner: Arc<RwLock<Vec<Known>>>,
}

struct Known {
    value: SecretString,
    /// The forms it may take in text: raw, JSON-, percent-, form- and
    /// HTML-escaped, without duplicates.
    forms: Vec<SecretString>,
    /// When it stops mattering; `None` for the client's lifetime.
    until: Option<SystemTime>,
}

impl std::fmt::Debug for KnownSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.read().len();
        f.debug_struct("KnownSecrets")
            .field("count", &count)
            .finish()
    }
}

impl KnownSecrets {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Knows `value` for as long as this set lives (a client secret).
    pub fn insert(&self, value: &SecretString) {
        self.insert_with(value, None, None);
    }

    /// Knows `value` until `until` (a token, until it expires); expired
    /// ones are forgotten as `now` passes them.
    pub fn insert_until(&self, value: &SecretString, until: SystemTime, now: SystemTime) {
        self.insert_with(value, Some(until), Some(now));
    }

    fn insert_with(
        &self,
        value: &SecretString,
        until: Option<SystemTime>,
        now: Option<SystemTime>,
    ) {
        let raw = value.expose_secret();
        if raw.len() < SHORTEST {
            return;
        }
        // Already known for at least as long.
        if self.read().iter().any(|k| {
            k.value.expose_secret() == raw
                && (k.until.is_none() || until.is_some_and(|u| k.until >= Some(u)))
        }) {
            return;
        }
        let mut known = self.inner.write().unwrap_or_else(|e| e.into_inner());
        known.retain(|k| k.value.expose_secret() != raw);
        if let Some(now) = now {
            known.retain(|k| k.until.is_none_or(|t| t > now));
        }
        let expiring = known.iter().filter(|k| k.until.is_some()).count();
        if until.is_some()
            && expiring >= MOST_EXPIRING
            && let Some(oldest) = known.iter().position(|k| k.until.is_some())
        {
            known.remove(oldest);
        }
        known.push(Known {
            value: value.clone(),
            forms: forms(raw),
            until,
        });
    }

    /// How many secrets are known.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    /// Whether none is known.
    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Vec<Known>> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    /// `text` with every known secret masked by value, then card numbers by
    /// shape and credential fields by name (see [the module](super)).
    pub fn mask(&self, text: &str) -> String {
        mask(&self.mask_values(text))
    }

    /// `text` with every known secret replaced by [`MASK`].
    fn mask_values(&self, text: &str) -> String {
        let known = self.read();
        let mut spans = Vec::new();
        for form in known.iter().flat_map(|k| &k.forms) {
            find(text, form.expose_secret(), &mut spans);
        }
        drop(known);
        if spans.is_empty() {
            return text.to_owned();
        }
        spans.sort_by_key(|s| s.start);
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for span in spans {
            if span.start >= copied {
                out.push_str(&text[copied..span.start]);
                out.push_str(MASK);
            }
            copied = copied.max(span.end);
        }
        out.push_str(&text[copied..]);
        out
    }

    /// A short, printable excerpt of `body` for an error message: at most
    /// [`EXCERPT_LIMIT`] bytes of it, control characters as spaces, masked
    /// as [`KnownSecrets::mask`] does. The masking sees a little more of the
    /// body than is kept, so a secret cut by the excerpt's end is masked
    /// whole.
    pub fn excerpt(&self, body: &[u8]) -> String {
        let longest = self
            .read()
            .iter()
            .flat_map(|k| &k.forms)
            .map(|f| f.expose_secret().len())
            .max()
            .unwrap_or(0);
        let window = body.len().min(EXCERPT_LIMIT + longest.max(64));
        let text: String = String::from_utf8_lossy(&body[..window])
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let masked = self.mask(&text);
        let mut end = masked.len().min(EXCERPT_LIMIT);
        while !masked.is_char_boundary(end) {
            end -= 1;
        }
        let mut out = masked[..end].to_owned();
        if end < masked.len() || window < body.len() {
            out.push_str(&format!("… ({} bytes in all)", body.len()));
        }
        out
    }
}

/// The forms `raw` may take in text, without duplicates.
fn forms(raw: &str) -> Vec<SecretString> {
    let json = serde_json::to_string(raw).unwrap_or_default();
    let json = json
        .strip_prefix('"')
        .and_then(|j| j.strip_suffix('"'))
        .unwrap_or(raw)
        .to_owned();
    let candidates = [
        raw.to_owned(),
        json.replace('/', "\\/"),
        json,
        percent_encoding::utf8_percent_encode(raw, percent_encoding::NON_ALPHANUMERIC).to_string(),
        url::form_urlencoded::byte_serialize(raw.as_bytes()).collect(),
        raw.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;"),
    ];
    let mut forms: Vec<String> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if !forms.contains(&candidate) {
            forms.push(candidate);
        }
    }
    forms.into_iter().map(SecretString::from).collect()
}

/// Adds to `spans` where `form` appears in `text`: whole, or its first
/// [`PROBE`] bytes and as much more as matches, or its first [`TAIL`]
/// bytes or more at the very end of the text.
fn find(text: &str, form: &str, spans: &mut Vec<Range<usize>>) {
    let probe = floor_boundary(form, PROBE.min(form.len()));
    let (haystack, needle) = (text.as_bytes(), form.as_bytes());
    for (start, _) in text.match_indices(&form[..probe]) {
        let mut matched = haystack[start..]
            .iter()
            .zip(needle)
            .take_while(|(a, b)| a == b)
            .count();
        while !text.is_char_boundary(start + matched) {
            matched -= 1;
        }
        spans.push(start..start + matched);
    }
    // Cut inside its first PROBE bytes at the end of the text.
    for len in (TAIL..probe).rev() {
        let len = floor_boundary(form, len);
        if len >= TAIL && text.ends_with(&form[..len]) {
            spans.push(text.len() - len..text.len());
            break;
        }
    }
}

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}
