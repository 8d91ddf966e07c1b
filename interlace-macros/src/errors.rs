//! Collects every error of a declaration so they are reported together.

use proc_macro2::Span;
use std::fmt::Display;

#[derive(Default)]
pub struct Errors {
    combined: Option<syn::Error>,
}

impl Errors {
    pub fn push(&mut self, span: Span, message: impl Display) {
        self.add(syn::Error::new(span, message));
    }

    pub fn add(&mut self, error: syn::Error) {
        match &mut self.combined {
            Some(all) => all.combine(error),
            None => self.combined = Some(error),
        }
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.combined.is_none()
    }

    pub fn into_result(self) -> Result<(), syn::Error> {
        self.combined.map_or(Ok(()), Err)
    }
}
