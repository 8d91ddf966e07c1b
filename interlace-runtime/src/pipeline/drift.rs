//! The client-side contract check: a success answer's `data` compared with
//! the bundled contract's schema for the operation, before it is decoded.
//! Off by default, and then never reached.

use crate::config::ContractCheck;
use crate::endpoint::EndpointMeta;
use crate::error::{CallSite, DecodeError, DecodeErrorKind, Error};
use crate::secret::KnownSecrets;
use interlace_contract::{FindingKind, check};

/// Compares the `data` of `body` with the contract; warns about each
/// finding, and under [`ContractCheck::Fail`] turns the first contradiction
/// into a decode error. An endpoint the contract lacks is not checked.
pub(crate) fn inspect(
    mode: ContractCheck,
    meta: &EndpointMeta,
    site: &CallSite,
    status: u16,
    body: &[u8],
    secrets: &KnownSecrets,
) -> Result<(), Error> {
    let contract = interlace_contract::bundled();
    let Some(op) = contract.operation(meta.method.as_str(), meta.path_template) else {
        return Ok(());
    };
    let (Some(schema), Ok(envelope)) = (
        contract.data(op),
        serde_json::from_slice::<serde_json::Value>(body),
    ) else {
        return Ok(());
    };
    let Some(data) = envelope.get("data") else {
        return Ok(());
    };
    let mut first = None;
    for finding in check(schema, data, "/data") {
        if finding.kind == FindingKind::GuessConfirmed {
            continue;
        }
        // Kinds and pointers only: values may be card data.
        tracing::warn!(
            event = "contract_drift",
            operation = op.id.as_str(),
            message = secrets.mask(&finding.message(&op.id)),
            pointer = finding.pointer.as_str(),
            kind = finding.kind.as_str(),
            expected = secrets.mask(&finding.expected),
            actual = secrets.mask(&finding.actual),
            "the answer differs from the API contract"
        );
        if first.is_none() && finding.kind.contradicts() {
            first = Some(finding);
        }
    }
    match (mode, first) {
        (ContractCheck::Fail, Some(f)) => Err(Error::Decode(Box::new(DecodeError {
            site: site.clone(),
            status,
            kind: DecodeErrorKind::ContractDrift,
            excerpt: format!(
                "{} ({} at {}, against the contract's `{}`)",
                f.message(&op.id),
                f.kind.as_str(),
                f.pointer,
                op.id
            ),
            source: None,
        }))),
        _ => Ok(()),
    }
}
