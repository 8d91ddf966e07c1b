//! Path templates (`/cards/{cardId}/freeze`): their segments, their shape
//! with placeholder names erased, and matching a concrete path.

/// Placeholder names with the values a concrete path gives them.
pub type PathValues = Vec<(String, String)>;

/// One segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text that must appear as it is.
    Literal(String),
    /// A `{name}` placeholder.
    Placeholder(String),
}

/// A path template of the document, such as `/open-api/v3/cards/{cardId}/freeze`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    text: String,
    /// Kept, because every lookup by template compares it.
    shape: String,
    segments: Vec<Segment>,
}

impl PathTemplate {
    /// Splits `text` into segments.
    pub fn new(text: &str) -> Self {
        let segments = text
            .split('/')
            .filter(|s| !s.is_empty())
            .map(
                |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) => Segment::Placeholder(name.to_string()),
                    None => Segment::Literal(s.to_string()),
                },
            )
            .collect();
        Self {
            text: text.to_string(),
            shape: shape(text),
            segments,
        }
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The segments, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The placeholder names, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Placeholder(name) => Some(name.as_str()),
            Segment::Literal(_) => None,
        })
    }

    /// The template with placeholder names erased (see [`shape`]).
    pub fn shape(&self) -> &str {
        &self.shape
    }

    /// The placeholders' values when `path` (a concrete path, without query)
    /// fits this template, with the number of literal segments it matched,
    /// so that a caller can prefer `/cards/wallets` over `/cards/{cardId}`.
    pub fn capture(&self, path: &str) -> Option<(PathValues, usize)> {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if parts.len() != self.segments.len() {
            return None;
        }
        let mut values = Vec::new();
        let mut literals = 0;
        for (segment, part) in self.segments.iter().zip(parts) {
            match segment {
                Segment::Literal(l) if l == part => literals += 1,
                Segment::Literal(_) => return None,
                Segment::Placeholder(name) => values.push((name.clone(), part.to_string())),
            }
        }
        Some((values, literals))
    }
}

/// A path with placeholder names erased, so that templates compare whatever
/// their placeholders are called.
///
/// ```
/// assert_eq!(interlace_contract::shape("/cards/{card_id}/freeze"), "/cards/{}/freeze");
/// assert_eq!(interlace_contract::shape("/cards/{cardId}/freeze"), "/cards/{}/freeze");
/// ```
pub fn shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_placeholder = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                out.push_str("{}");
            }
            '}' => in_placeholder = false,
            _ if in_placeholder => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_erase_placeholder_names() {
        assert_eq!(shape("/cards/{cardId}/freeze"), "/cards/{}/freeze");
        assert_eq!(shape("/a/{x}/{y}"), "/a/{}/{}");
        assert_eq!(PathTemplate::new("/a/{x}").shape(), "/a/{}");
    }

    #[test]
    fn capture_names_values_and_counts_literals() {
        let t = PathTemplate::new("/cards/{cardId}/freeze");
        assert_eq!(
            t.capture("/cards/c-1/freeze"),
            Some((vec![("cardId".into(), "c-1".into())], 2))
        );
        assert_eq!(t.capture("/cards/c-1/unfreeze"), None);
        assert_eq!(t.capture("/cards/c-1"), None);
        assert_eq!(t.placeholders().collect::<Vec<_>>(), ["cardId"]);
    }
}
