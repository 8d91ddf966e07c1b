//! Pieces of the expansion that append their tokens to the stream being
//! built, instead of returning streams of their own.
//!
//! Inside the compiler, every `TokenStream` interpolated into `quote!` is a
//! few round trips across the proc-macro bridge: the stream is flushed,
//! cloned, joined to the outer one and dropped. A value that appends its
//! tokens costs none, and a delimited group costs one. Built from streams
//! of streams, an endpoint cost about 220 bridge calls and a fifth of a
//! touch re-check (callgrind, see BENCHMARKS.md), so the expansion is
//! written as `ToTokens` values, one `quote!` per item, and interpolates a
//! stream only where one is rare (an optional header, a large request).

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

/// `#[doc = "…"]`.
pub struct Doc(pub String);

impl ToTokens for Doc {
    fn to_tokens(&self, out: &mut TokenStream) {
        out.append(Punct::new('#', Spacing::Alone));
        let mut inner = TokenStream::new();
        inner.append(Ident::new("doc", Span::call_site()));
        inner.append(Punct::new('=', Spacing::Alone));
        literal(&mut inner, &self.0);
        out.append(Group::new(Delimiter::Bracket, inner));
    }
}

/// One `#[doc]` attribute holding `paragraphs`, after a blank line when the
/// item already has docs: one attribute rather than one per line keeps the
/// expansion small.
pub fn doc(follows_docs: bool, paragraphs: &[&str]) -> Doc {
    let mut text = paragraphs.join("\n\n");
    if follows_docs {
        text.insert(0, '\n');
    }
    Doc(text)
}

/// Tokens that all carry one span, so that an error in what they form is
/// reported at it (what `quote_spanned!` does, without a stream of its own).
#[derive(Clone, Copy)]
pub struct At(pub Span);

impl At {
    pub fn ident(self, out: &mut TokenStream, name: &str) {
        out.append(Ident::new(name, self.0));
    }

    pub fn punct(self, out: &mut TokenStream, ch: char) {
        self.joint(out, ch, Spacing::Alone);
    }

    fn joint(self, out: &mut TokenStream, ch: char, spacing: Spacing) {
        let mut punct = Punct::new(ch, spacing);
        punct.set_span(self.0);
        out.append(punct);
    }

    /// `a::b::c`; an empty segment adds only its `::`, so `["", "core"]`
    /// is `::core` and `["", ""]` a lone `::`.
    pub fn path(self, out: &mut TokenStream, segments: &[&str]) {
        for (i, segment) in segments.iter().enumerate() {
            if i > 0 {
                self.joint(out, ':', Spacing::Joint);
                self.joint(out, ':', Spacing::Alone);
            }
            if !segment.is_empty() {
                self.ident(out, segment);
            }
        }
    }

    /// `&self.field`.
    pub fn field_ref(self, out: &mut TokenStream, field: &Ident) {
        self.punct(out, '&');
        self.ident(out, "self");
        self.punct(out, '.');
        field.to_tokens(out);
    }
}

/// A string literal.
pub fn literal(out: &mut TokenStream, text: &str) {
    out.append(Literal::string(text));
}

/// A group of `delimiter` around what `fill` appends.
pub fn group(out: &mut TokenStream, delimiter: Delimiter, fill: impl FnOnce(&mut TokenStream)) {
    let mut inner = TokenStream::new();
    fill(&mut inner);
    out.append(Group::new(delimiter, inner));
}

/// Appends a whole `quote!` to `out`: one join, where interpolating each
/// piece's own stream would be several.
pub fn join(out: &mut TokenStream, stream: TokenStream) {
    if out.is_empty() {
        *out = stream;
    } else {
        out.extend([stream]);
    }
}
