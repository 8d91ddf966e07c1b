//! File upload, for identity documents.

use serde::{Deserialize, Serialize};

use crate::Client;
use crate::endpoint::{Call, Endpoint, EndpointMeta, FilePart, HttpMethod, RequestParts};
use crate::interlace_model;
use crate::types::{AccountId, FileId};

/// Upload files (`multipart/form-data`): `POST /open-api/v3/files/upload`.
///
/// Written by hand because the attribute declares JSON bodies. The ids it
/// returns are used as `idFrontId`, `idBackId` and `selfie`.
#[derive(Debug, Clone)]
pub struct UploadFiles {
    /// The account the files belong to.
    pub account_id: AccountId,
    /// One or more files; each is sent as a `files` part.
    pub files: Vec<FilePart>,
}

impl UploadFiles {
    /// An upload of one file.
    pub fn new(
        account_id: impl Into<AccountId>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: Vec<u8>,
    ) -> Self {
        Self {
            account_id: account_id.into(),
            files: vec![FilePart {
                field: "files".into(),
                file_name: file_name.into(),
                content_type: content_type.into(),
                bytes,
            }],
        }
    }
}

/// An uploaded file's id.
#[interlace_model("UploadedFile")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedFile {
    /// Id to reference the file by.
    pub id: FileId,
}

/// The answer to [`UploadFiles`]: the reference does not say whether it is
/// one `{id}` or a list of them, so both are accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum UploadedFiles {
    /// A list of ids.
    Many(Vec<UploadedFile>),
    /// A single id.
    One(UploadedFile),
}

impl UploadedFiles {
    /// Every id, in order.
    pub fn ids(&self) -> Vec<FileId> {
        match self {
            Self::Many(files) => files.iter().map(|f| f.id.clone()).collect(),
            Self::One(file) => vec![file.id.clone()],
        }
    }
}

impl Endpoint for UploadFiles {
    type Response = UploadedFiles;
    const META: &'static EndpointMeta = &EndpointMeta::new(
        "upload_files",
        HttpMethod::Post,
        "/open-api/v3/files/upload",
    );
    fn write_request(&self, req: &mut RequestParts) {
        req.path(Self::META.path_template);
        req.multipart_body(&[("accountId", self.account_id.as_str())], &self.files);
    }
}

/// Adds [`upload_files`](UploadFilesExt::upload_files) to the client, as
/// the attribute does for declared endpoints. In scope through the prelude.
pub trait UploadFilesExt {
    /// Sends [`UploadFiles`]: `POST /open-api/v3/files/upload`.
    fn upload_files(&self, request: UploadFiles) -> Call<UploadFiles>;
}

impl UploadFilesExt for Client {
    fn upload_files(&self, request: UploadFiles) -> Call<UploadFiles> {
        self.send(request)
    }
}
