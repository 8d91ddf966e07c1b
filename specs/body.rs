//! Reading a request body within a limit, for the axum receivers.

use ::axum::body::{Body, Bytes};
use ::axum::http::{HeaderMap, header};

/// Why a body was not read.
pub(crate) enum BodyError {
    /// Over the limit (by `Content-Length`, or as it was read).
    TooLarge,
    /// The connection failed while reading.
    Unreadable,
    /// The whole body did not arrive in time.
    TimedOut,
}

/// Reads `body`, refusing at once when `Content-Length` says it is over
/// `limit`, giving up as soon as what was read passes it, and giving up
/// when it has not all arrived within `deadline`: a sender that drips a
/// byte at a time would otherwise hold the request (and its buffer) open
/// for as long as it likes.
pub(crate) async fn read_limited(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    deadline: std::time::Duration,
) -> Result<Bytes, BodyError> {
    tokio::time::timeout(deadline, read_within(headers, body, limit))
        .await
        .unwrap_or(Err(BodyError::TimedOut))
}

async fn read_within(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, BodyError> {
    use futures_util::StreamExt;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(BodyError::TooLarge);
    }
    let mut stream = body.into_data_stream();
    let mut buffer = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| BodyError::Unreadable)?;
        if buffer.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        buffer.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(buffer))
}
