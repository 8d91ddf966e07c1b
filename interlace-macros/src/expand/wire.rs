//! The `Endpoint` implementation: metadata and how the fields go on the wire.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::Mode;
use crate::model::{Endpoint, Location, Segment, snake_case};

pub fn endpoint_impl(e: &Endpoint, mode: Mode) -> TokenStream {
    let ident = &e.ident;
    let p = quote!(__p);
    let name = snake_case(&ident.to_string());
    let method = syn::Ident::new(e.method.variant(), e.path.span());
    let template = &e.path;
    let mut modifiers = TokenStream::new();
    if !e.auth {
        modifiers.extend(quote!(.without_auth()));
    }
    if e.idempotent {
        modifiers.extend(quote!(.idempotent()));
    }
    let response = match &e.response {
        Some(ty) => quote!(#ty),
        None => quote!(#p::NoContent),
    };
    let body = match mode {
        Mode::Full => write_request(e),
        Mode::Stub => quote!(::core::unimplemented!(
            "the endpoint declaration has errors"
        )),
    };
    // Kept for a declaration with errors too, so `.limit()` and
    // `client.stream()` elsewhere don't add follow-on errors.
    let paging = e.paginated.then(|| paginated_impl(e, mode));
    quote! {
        impl #p::Endpoint for #ident {
            type Response = #response;
            const META: &'static #p::EndpointMeta =
                &#p::EndpointMeta::new(#name, #p::HttpMethod::#method, #template) #modifiers;
            fn write_request(&self, req: &mut #p::RequestParts) {
                #body
            }
        }
        #paging
    }
}

/// Straight-line calls with nothing returned: the parts are the one error
/// channel (they keep the first failed write and the client checks it
/// before sending), so there is no `Result` to thread through, and no
/// `Try`/`From` resolution per field for the compiler.
fn write_request(e: &Endpoint) -> TokenStream {
    let mut steps = Vec::new();
    for segment in &e.segments {
        match segment {
            Segment::Literal(text) => steps.push(quote!(req.path(#text);)),
            Segment::Placeholder(name) => {
                let field = e
                    .field(name)
                    .expect("checked: every placeholder has a field");
                let ident = &field.ident;
                // Spanned at the field's type, so an unrenderable type is
                // reported there.
                let arg = quote_spanned!(field.ty.span()=> &self.#ident);
                steps.push(quote!(req.path_param(#arg);));
            }
        }
    }
    for f in &e.fields {
        let ident = &f.ident;
        let wire = &f.wire_name;
        match &f.location {
            Location::Query => {
                // Spanned at the field's type, so a type that can't be
                // serialized is reported there.
                let arg = quote_spanned!(f.ty.span()=> &self.#ident);
                steps.push(quote!(req.query(#wire, #arg);));
            }
            Location::Header(h) if f.optional.is_some() => {
                let inner = f.optional.as_ref().expect("matched optional");
                // Spanned at the inner type, which must be `Display`.
                let value = quote_spanned!(inner.span()=> value);
                steps.push(quote! {
                    if let __p::Some(value) = &self.#ident {
                        req.header(#h, #value);
                    }
                });
            }
            Location::Header(h) => {
                let arg = quote_spanned!(f.ty.span()=> &self.#ident);
                steps.push(quote!(req.header(#h, #arg);));
            }
            Location::Body => {
                // Spanned at the field's type, so a type that can't be
                // serialized is reported there.
                let arg = quote_spanned!(f.ty.span()=> &self.#ident);
                let call = if f.flatten {
                    let name = ident.to_string();
                    quote!(req.body_flatten(#name, #arg);)
                } else if f.optional.is_some() {
                    quote!(req.body_opt(#wire, #arg);)
                } else {
                    quote!(req.body_field(#wire, #arg);)
                };
                steps.push(call);
            }
            Location::Path => {}
        }
    }
    quote! {
        #(#steps)*
    }
}

fn paginated_impl(e: &Endpoint, mode: Mode) -> TokenStream {
    let ident = &e.ident;
    let p = quote!(__p);
    // `Paginated` requires a list-page response: the impl is spanned at the
    // declared response type, so a response that is not a page is reported
    // there, once.
    let span = e
        .response
        .as_ref()
        .map_or_else(proc_macro2::Span::call_site, |r| r.span());
    if mode == Mode::Stub && e.response.is_none() {
        // A declaration with errors and no response type: its response is
        // `NoContent`, and an impl would add a second error to the first.
        return TokenStream::new();
    }
    let response = e
        .response
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(#p::NoContent));
    let page = quote_spanned!(span=> type Page = #response;);
    quote! {
        impl #p::Paginated for #ident {
            #page
            fn into_page(response: Self::Response) -> Self::Page {
                response
            }
            fn page(&self) -> __p::Option<u32> {
                self.page
            }
            fn limit(&self) -> __p::Option<u32> {
                self.limit
            }
            fn set_page(&mut self, page: u32, limit: u32) {
                self.page = __p::Some(page);
                self.limit = __p::Some(limit);
            }
        }
    }
}
