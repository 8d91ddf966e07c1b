//! Collects every finding of a declaration so they are reported together:
//! errors, and warnings for contradictions of facts the contract only
//! guesses (a guess must never block a build).

use proc_macro2::{Span, TokenStream};
use std::fmt::Display;

use interlace_contract::Confidence;

#[derive(Default)]
pub struct Errors {
    combined: Option<syn::Error>,
    warnings: Vec<(Span, String)>,
    /// Warnings are errors (`strict`, or the `strict` feature).
    strict: bool,
}

impl Errors {
    /// Findings where guesses are errors too.
    pub fn strict(strict: bool) -> Self {
        Self {
            strict,
            ..Self::default()
        }
    }

    pub fn push(&mut self, span: Span, message: impl Display) {
        self.add(syn::Error::new(span, message));
    }

    pub fn add(&mut self, error: syn::Error) {
        match &mut self.combined {
            Some(all) => all.combine(error),
            None => self.combined = Some(error),
        }
    }

    /// A contradiction of a fact the contract holds with `confidence`: an
    /// error when the fact is documented (or observed), a warning that says
    /// so when it is a guess.
    pub fn contradicts(
        &mut self,
        span: Span,
        message: impl Display,
        confidence: Option<Confidence>,
    ) {
        match confidence.filter(|c| c.is_guess()) {
            Some(guess) if self.strict => self.push(
                span,
                format!(
                    "{message} (the contract only guesses this, confidence `{guess}`, but the \
                     declaration is strict)"
                ),
            ),
            Some(guess) => self.warn(
                span,
                format!(
                    "{message} (the contract only guesses this: confidence `{guess}`; \
                     `strict` makes it an error)"
                ),
            ),
            None => self.push(span, message),
        }
    }

    /// A finding that never blocks a build unless the declaration is strict.
    pub fn warn(&mut self, span: Span, message: impl Display) {
        if self.strict {
            self.push(span, message);
        } else {
            self.warnings.push((span, message.to_string()));
        }
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.combined.is_none() && self.warnings.is_empty()
    }

    /// The warnings as items that make the compiler print each one at its
    /// span (a use of a deprecated item, the one warning a proc macro can
    /// raise on stable Rust), under the declaration's own lint attributes
    /// (`lints`), so that `#[allow(deprecated)]` on the struct accepts them;
    /// and the errors.
    pub fn split(self, lints: &[syn::Attribute]) -> (TokenStream, Result<(), syn::Error>) {
        let warnings = self
            .warnings
            .into_iter()
            .enumerate()
            .map(|(i, (span, note))| {
                let name = format!("interlace_contract_warning_{i}");
                proc_macro_warning::FormattedWarning::new_deprecated(name.as_str(), note, span)
            });
        let warnings: Vec<_> = warnings.collect();
        let tokens = if warnings.is_empty() {
            TokenStream::new()
        } else {
            let lints = lints.iter().filter(|a| {
                ["allow", "expect", "warn", "deny", "forbid"]
                    .iter()
                    .any(|level| a.path().is_ident(level))
            });
            // The warning's own `let _ = deprecated_item;` is not the
            // user's code: clippy has nothing to say about it.
            quote::quote!(
                #(#lints)*
                #[allow(clippy::let_unit_value)]
                const _: () = { #(#warnings)* };
            )
        };
        (tokens, self.combined.map_or(Ok(()), Err))
    }

    /// The errors alone, for findings made before the contract is read
    /// (they are never warnings).
    pub fn into_result(self) -> Result<(), syn::Error> {
        debug_assert!(self.warnings.is_empty(), "warnings would be dropped");
        self.split(&[]).1
    }
}
