//! One operation of the document: method, path template, identity, and the
//! fields a request carries, by location.

use serde_json::Value;

use crate::{Confidence, Kind, PathTemplate};

/// Where a request field goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    /// A `{placeholder}` of the path.
    Path,
    /// The query string.
    Query,
    /// A header.
    Header,
    /// A top-level property of the JSON body.
    Body,
}

impl Location {
    /// The location in words: "the path", "the query", "a header", "the body".
    pub fn describe(self) -> &'static str {
        match self {
            Self::Path => "the path",
            Self::Query => "the query",
            Self::Header => "a header",
            Self::Body => "the body",
        }
    }
}

/// A parameter, or a top-level property of the JSON body.
#[derive(Debug, Clone)]
pub struct Field {
    /// The wire name.
    pub name: String,
    /// Where it goes.
    pub location: Location,
    /// Whether a request must carry it (path parameters always must).
    pub required: bool,
    /// Its one JSON kind, when the contract gives one.
    pub kind: Option<Kind>,
    /// `x-interlace-confidence` of the parameter or property, when it has one.
    pub confidence: Option<Confidence>,
    /// Its schema (possibly a `$ref`); read it with [`crate::Document::schema`].
    pub schema: Value,
}

/// One operation: a method on a path template.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `GET`, `POST`, … (upper case).
    pub method: String,
    /// The path template.
    pub path: PathTemplate,
    /// `operationId`, or `METHOD path` when it has none.
    pub id: String,
    /// `summary`, when given.
    pub summary: Option<String>,
    /// `tags`: the area the operation belongs to comes first.
    pub tags: Vec<String>,
    /// `x-interlace-confidence` of the operation.
    pub confidence: Option<Confidence>,
    /// `externalDocs.url`: the official page.
    pub docs: Option<String>,
    /// Parameters (path-level ones first) and top-level body properties.
    /// A required body name the schema does not describe is listed too.
    pub fields: Vec<Field>,
    /// The body may carry properties it does not list.
    pub open_body: bool,
    /// The media types the request body may have (`application/json`,
    /// `multipart/form-data`, …); empty when it takes none.
    pub body_types: Vec<String>,
    /// The JSON request body's schema, when the operation takes one.
    pub body: Option<Value>,
    /// The schema of the 200 answer's JSON (the whole envelope).
    pub response: Option<Value>,
}

impl Operation {
    /// The field `name` at `location`; header names compare without case.
    pub fn field(&self, name: &str, location: Location) -> Option<&Field> {
        self.fields.iter().find(|f| {
            f.location == location
                && if location == Location::Header {
                    f.name.eq_ignore_ascii_case(name)
                } else {
                    f.name == name
                }
        })
    }

    /// The fields at `location`.
    pub fn fields_at(&self, location: Location) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(move |f| f.location == location)
    }

    /// `` `operationId` (METHOD /path) ``, how messages name the operation.
    pub fn label(&self) -> String {
        format!("`{}` ({} {})", self.id, self.method, self.path.as_str())
    }
}
