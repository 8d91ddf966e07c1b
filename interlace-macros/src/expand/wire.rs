//! The `Endpoint` implementation: metadata and how the fields go on the wire.

use proc_macro2::{Delimiter, Span, TokenStream};
use quote::{ToTokens, quote};
use syn::spanned::Spanned;

use super::Mode;
use super::tokens::{At, group, join, literal};
use crate::model::{Endpoint, Location, Segment, snake_case};

pub struct EndpointImpl<'a> {
    pub endpoint: &'a Endpoint,
    pub mode: Mode,
}

impl ToTokens for EndpointImpl<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let e = self.endpoint;
        let ident = &e.ident;
        let name = snake_case(&ident.to_string());
        let method = syn::Ident::new(e.method.variant(), e.path.span());
        let template = &e.path;
        let without_auth = (!e.auth).then_some(Modifier("without_auth"));
        let idempotent = e.idempotent.then_some(Modifier("idempotent"));
        let response = Response(e);
        let body = WriteRequest {
            endpoint: e,
            mode: self.mode,
        };
        join(
            out,
            quote! {
                impl __p::Endpoint for #ident {
                    type Response = #response;
                    const META: &'static __p::EndpointMeta =
                        &__p::EndpointMeta::new(#name, __p::HttpMethod::#method, #template)
                            #without_auth #idempotent;
                    fn write_request(&self, req: &mut __p::RequestParts) {
                        #body
                    }
                }
            },
        );
        // Kept for a declaration with errors too, so `.limit()` and
        // `client.stream()` elsewhere don't add follow-on errors.
        if e.paginated {
            paginated_impl(e, self.mode, out);
        }
    }
}

/// `.name()` on the endpoint's metadata.
struct Modifier(&'static str);

impl ToTokens for Modifier {
    fn to_tokens(&self, out: &mut TokenStream) {
        let at = At(Span::call_site());
        at.punct(out, '.');
        at.ident(out, self.0);
        group(out, Delimiter::Parenthesis, |_| {});
    }
}

/// The declared response type, or `__p::NoContent`.
struct Response<'a>(&'a Endpoint);

impl ToTokens for Response<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        match &self.0.response {
            Some(ty) => ty.to_tokens(out),
            None => At(Span::call_site()).path(out, &["__p", "NoContent"]),
        }
    }
}

/// Straight-line calls with nothing returned: the parts are the one error
/// channel (they keep the first failed write and the client checks it
/// before sending), so there is no `Result` to thread through, and no
/// `Try`/`From` resolution per field for the compiler.
struct WriteRequest<'a> {
    endpoint: &'a Endpoint,
    mode: Mode,
}

impl ToTokens for WriteRequest<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let e = self.endpoint;
        if self.mode == Mode::Stub {
            let at = At(Span::call_site());
            at.path(out, &["", "core", "unimplemented"]);
            at.punct(out, '!');
            group(out, Delimiter::Parenthesis, |out| {
                literal(out, "the endpoint declaration has errors");
            });
            return;
        }
        for segment in &e.segments {
            match segment {
                Segment::Literal(text) => call(out, "path", |out| literal(out, text)),
                Segment::Placeholder(name) => {
                    let field = e
                        .field(name)
                        .expect("checked: every placeholder has a field");
                    // Spanned at the field's type, so an unrenderable type
                    // is reported there.
                    call(out, "path_param", |out| {
                        At(field.ty.span()).field_ref(out, &field.ident);
                    });
                }
            }
        }
        for f in &e.fields {
            let wire = &f.wire_name;
            // Spanned at the field's type, so a type that can't be
            // serialized (or shown, for a header) is reported there.
            let at = At(f.ty.span());
            match &f.location {
                Location::Query => call(out, "query", |out| {
                    literal(out, wire);
                    At(Span::call_site()).punct(out, ',');
                    at.field_ref(out, &f.ident);
                }),
                Location::Header(h) if f.optional.is_some() => {
                    let inner = f.optional.as_ref().expect("matched optional");
                    let ident = &f.ident;
                    // Spanned at the inner type, which must be `Display`.
                    let value = syn::Ident::new("value", inner.span());
                    join(
                        out,
                        quote! {
                            if let __p::Some(value) = &self.#ident {
                                req.header(#h, #value);
                            }
                        },
                    );
                }
                Location::Header(h) => call(out, "header", |out| {
                    literal(out, h);
                    At(Span::call_site()).punct(out, ',');
                    at.field_ref(out, &f.ident);
                }),
                Location::Body => {
                    let (method, key) = if f.flatten {
                        ("body_flatten", f.ident.to_string())
                    } else if f.optional.is_some() {
                        ("body_opt", wire.clone())
                    } else {
                        ("body_field", wire.clone())
                    };
                    call(out, method, |out| {
                        literal(out, &key);
                        At(Span::call_site()).punct(out, ',');
                        at.field_ref(out, &f.ident);
                    });
                }
                Location::Path => {}
            }
        }
    }
}

/// `req.method(args);`.
fn call(out: &mut TokenStream, method: &str, args: impl FnOnce(&mut TokenStream)) {
    let at = At(Span::call_site());
    at.ident(out, "req");
    at.punct(out, '.');
    at.ident(out, method);
    group(out, Delimiter::Parenthesis, args);
    at.punct(out, ';');
}

fn paginated_impl(e: &Endpoint, mode: Mode, out: &mut TokenStream) {
    if mode == Mode::Stub && e.response.is_none() {
        // A declaration with errors and no response type: its response is
        // `NoContent`, and an impl would add a second error to the first.
        return;
    }
    let ident = &e.ident;
    let page = Page(e);
    join(
        out,
        quote! {
            impl __p::Paginated for #ident {
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
        },
    );
}

/// `type Page = Response;`: `Paginated` requires a list-page response, and
/// this is spanned at the declared response type, so a response that is not
/// a page is reported there, once.
struct Page<'a>(&'a Endpoint);

impl ToTokens for Page<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let e = self.0;
        let at = At(e
            .response
            .as_ref()
            .map_or_else(Span::call_site, |r| r.span()));
        at.ident(out, "type");
        at.ident(out, "Page");
        at.punct(out, '=');
        match &e.response {
            Some(ty) => ty.to_tokens(out),
            None => at.path(out, &["__p", "NoContent"]),
        }
        at.punct(out, ';');
    }
}
