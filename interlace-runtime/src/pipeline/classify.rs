//! Step 4, classify: what one attempt's outcome means for the call.
//!
//! An ordered list of small classifiers looks at the [`Attempt`]; the first
//! with something to say gives the [`Verdict`], and an answer none of them
//! objects to is a success. A failing verdict carries its [`Cause`], from
//! which [`Attempt::into_error`] builds the error without testing the
//! outcome again. Whether a retryable
//! failure is actually retried is [`crate::retry::decide`]'s call, made in
//! one place by the orchestrator.

use std::time::Duration;

use super::decode::SuccessResponse;
use super::send::{NoResponse, RawResponse};
use crate::envelope::{self, Envelope, ResponseContext};
use crate::error::{ApiError, CallSite, Error, RedirectError, TimeoutError, TransportError};
use crate::profile::ResponseFormat;
use crate::retry::{Failure, is_retryable_status};
use crate::secret::KnownSecrets;

/// What the classifiers conclude about one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// A success envelope: decode it.
    Success,
    /// Failed in a way that may pass if tried again, subject to the retry rules.
    Retryable(Failure),
    /// The access token sent was rejected: get a new one and replay, once.
    TokenRejected,
    /// Failed for good.
    Fail(Cause),
}

/// Why an attempt failed, as its error will say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cause {
    /// The answer was over the size limit.
    TooLarge,
    /// No connection could be made.
    Connect,
    /// The attempt timed out.
    Timeout,
    /// The request could not be built.
    Unbuildable,
    /// The attempt broke off.
    Transport,
    /// The server redirected.
    Redirect,
    /// The server responded, with an error or something undecodable.
    Refused,
}

impl From<Failure> for Cause {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Connect => Self::Connect,
            Failure::Timeout => Self::Timeout,
            Failure::Transport => Self::Transport,
            Failure::Status { .. } => Self::Refused,
        }
    }
}

type Classifier = fn(&Attempt<'_>) -> Option<Verdict>;

/// The classifiers, in the order they are asked.
const CLASSIFIERS: [Classifier; 5] = [
    transport_error,
    redirect,
    token_rejection,
    retryable_status,
    envelope_code,
];

/// The verdict on `attempt`.
pub(crate) fn classify(attempt: &Attempt<'_>) -> Verdict {
    CLASSIFIERS
        .iter()
        .find_map(|classifier| classifier(attempt))
        .unwrap_or(Verdict::Success)
}

/// One attempt's outcome with what the classifiers need to know about the call.
pub(crate) struct Attempt<'a> {
    pub site: &'a CallSite,
    /// The answer may hold credentials: no excerpt of it in errors.
    pub sensitive: bool,
    /// The request carried an access token.
    pub sent_token: bool,
    /// Envelope codes configured to mean "token rejected", normalised.
    pub token_error_codes: &'a [String],
    /// The per-request timeout in force, for the error.
    pub timeout: Duration,
    pub outcome: Outcome,
}

pub(crate) enum Outcome {
    Failed(NoResponse),
    Responded(RawResponse, Parsed),
}

/// The envelope of an answer, parsed once for every classifier.
pub(crate) enum Parsed {
    /// A 2xx body opening with `{"code":"000000"`: success, and the whole
    /// parse is left to the decoder, which reads the body in one pass.
    FastSuccess,
    Envelope(Result<Envelope, Error>),
}

impl Parsed {
    /// Parses `raw`'s envelope, unless it is plainly a success and
    /// `fast_success` allows skipping that.
    pub fn of(
        raw: &RawResponse,
        cx: ResponseContext<'_>,
        fast_success: bool,
        format: ResponseFormat,
    ) -> Self {
        if format == ResponseFormat::PlainJson {
            return Self::Envelope(envelope::plain(&raw.body, cx));
        }
        if fast_success
            && (200..300).contains(&raw.status)
            && envelope::opens_with_success(&raw.body)
        {
            Self::FastSuccess
        } else if let Some(empty) = envelope::empty_success(&raw.body, raw.status) {
            Self::Envelope(Ok(empty))
        } else {
            Self::Envelope(envelope::parse(&raw.body, cx))
        }
    }

    /// The envelope code, if one was read.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::FastSuccess => Some(envelope::SUCCESS_CODE),
            Self::Envelope(Ok(env)) => Some(&env.code),
            Self::Envelope(Err(_)) => None,
        }
    }
}

fn responded<'e>(attempt: &'e Attempt<'_>) -> Option<(&'e RawResponse, &'e Parsed)> {
    match &attempt.outcome {
        Outcome::Responded(raw, parsed) => Some((raw, parsed)),
        Outcome::Failed(_) => None,
    }
}

/// No answer: a connection that failed (nothing was sent) is retryable for
/// any call; a timeout or a broken attempt only for calls safe to replay.
fn transport_error(attempt: &Attempt<'_>) -> Option<Verdict> {
    let Outcome::Failed(failure) = &attempt.outcome else {
        return None;
    };
    Some(match failure {
        NoResponse::TooLarge { .. } => Verdict::Fail(Cause::TooLarge),
        NoResponse::Http(e) if e.is_connect() => Verdict::Retryable(Failure::Connect),
        NoResponse::Http(e) if e.is_timeout() => Verdict::Retryable(Failure::Timeout),
        NoResponse::Http(e) if e.is_builder() => Verdict::Fail(Cause::Unbuildable),
        NoResponse::Http(_) => Verdict::Retryable(Failure::Transport),
    })
}

/// A 3xx is never followed: the token would go wherever `Location` points.
fn redirect(attempt: &Attempt<'_>) -> Option<Verdict> {
    let (raw, _) = responded(attempt)?;
    (300..400)
        .contains(&raw.status)
        .then_some(Verdict::Fail(Cause::Redirect))
}

/// HTTP 401, or a configured token-error code, on a call that sent a token.
fn token_rejection(attempt: &Attempt<'_>) -> Option<Verdict> {
    let (raw, parsed) = responded(attempt)?;
    if !attempt.sent_token {
        return None;
    }
    let by_code = parsed
        .code()
        .is_some_and(|code| attempt.token_error_codes.iter().any(|c| c == code));
    (raw.status == 401 || by_code).then_some(Verdict::TokenRejected)
}

/// 429, 502, 503 and 504, with the server's `Retry-After`.
fn retryable_status(attempt: &Attempt<'_>) -> Option<Verdict> {
    let (raw, _) = responded(attempt)?;
    is_retryable_status(raw.status).then_some(Verdict::Retryable(Failure::Status {
        status: raw.status,
        retry_after: raw.retry_after,
    }))
}

/// Anything but a success code on a 2xx is a failure, as is a body that is
/// not an envelope.
fn envelope_code(attempt: &Attempt<'_>) -> Option<Verdict> {
    let (raw, parsed) = responded(attempt)?;
    match parsed {
        Parsed::FastSuccess => None,
        Parsed::Envelope(Ok(env)) if env.is_success() && (200..300).contains(&raw.status) => None,
        Parsed::Envelope(_) => Some(Verdict::Fail(Cause::Refused)),
    }
}

impl Attempt<'_> {
    /// The error that reports this attempt as a failure of `cause`.
    pub fn into_error(self, cause: Cause) -> Error {
        let site = self.site.clone();
        let timeout = self.timeout;
        match (cause, self.outcome) {
            (_, Outcome::Failed(NoResponse::TooLarge { status, limit })) => {
                envelope::too_large(&site, status, limit)
            }
            (Cause::Timeout, Outcome::Failed(NoResponse::Http(_))) => {
                Error::Timeout(Box::new(TimeoutError {
                    site,
                    after: timeout,
                }))
            }
            (cause, Outcome::Failed(NoResponse::Http(e))) => {
                let reason = match cause {
                    Cause::Connect => "connection failed",
                    Cause::Unbuildable => "request could not be built",
                    _ => "request failed",
                };
                // reqwest puts the URL, query included, into its errors; drop it.
                Error::Transport(Box::new(TransportError {
                    site,
                    reason: reason.into(),
                    source: Some(e.without_url()),
                }))
            }
            (Cause::Redirect, Outcome::Responded(raw, _)) => {
                Error::Redirect(Box::new(RedirectError {
                    site,
                    status: raw.status,
                    location: raw.location,
                }))
            }
            (_, Outcome::Responded(_, Parsed::Envelope(Err(e)))) => e,
            (_, Outcome::Responded(raw, parsed)) => {
                let (code, message) = match parsed {
                    Parsed::Envelope(Ok(env)) => (env.code, env.message),
                    _ => (envelope::SUCCESS_CODE.to_string(), String::new()),
                };
                // Even a success code is a failure on a status that failed.
                Error::Api(Box::new(ApiError {
                    code,
                    message,
                    status: raw.status,
                    site,
                }))
            }
        }
    }
}

/// The success response of an attempt classified [`Verdict::Success`],
/// taking the call's `site` rather than copying it (one allocation a call).
pub(crate) fn success(
    site: CallSite,
    outcome: Outcome,
    sensitive: bool,
    timeout: Duration,
    secrets: &KnownSecrets,
) -> Result<SuccessResponse, Error> {
    match outcome {
        Outcome::Responded(raw, Parsed::FastSuccess) => Ok(SuccessResponse::new(
            site,
            raw,
            sensitive,
            None,
            secrets.clone(),
        )),
        Outcome::Responded(raw, Parsed::Envelope(Ok(env))) => Ok(SuccessResponse::new(
            site,
            raw,
            sensitive,
            Some(env),
            secrets.clone(),
        )),
        outcome => Err(Attempt {
            site: &site,
            sensitive,
            sent_token: false,
            token_error_codes: &[],
            timeout,
            outcome,
        }
        .into_error(Cause::Refused)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attempt of an answer with `status` and `body`.
    fn attempt<'a>(
        site: &'a CallSite,
        status: u16,
        body: &'static str,
        sent_token: bool,
        codes: &'a [String],
    ) -> Attempt<'a> {
        let raw = RawResponse {
            status,
            retry_after: None,
            location: None,
            body: bytes::Bytes::from_static(body.as_bytes()),
        };
        let none = crate::secret::KnownSecrets::new();
        let cx = ResponseContext {
            site,
            status,
            sensitive: false,
            secrets: &none,
        };
        let parsed = Parsed::of(&raw, cx, true, ResponseFormat::Envelope);
        Attempt {
            site,
            sensitive: false,
            sent_token,
            token_error_codes: codes,
            timeout: Duration::from_secs(1),
            outcome: Outcome::Responded(raw, parsed),
        }
    }

    fn verdict(status: u16, body: &'static str, sent_token: bool, codes: &[String]) -> Verdict {
        let site = CallSite::for_tests();
        classify(&attempt(&site, status, body, sent_token, codes))
    }

    const OK: &str = r#"{"code":"000000","data":1}"#;
    const BUSINESS: &str = r#"{"code":"010787","message":"No KYC","data":null}"#;

    #[test]
    fn success_needs_a_success_code_on_a_2xx() {
        assert_eq!(verdict(200, OK, true, &[]), Verdict::Success);
        assert_eq!(verdict(200, r#"{"code":0}"#, true, &[]), Verdict::Success);
        let refused = Verdict::Fail(Cause::Refused);
        assert_eq!(verdict(200, BUSINESS, true, &[]), refused);
        assert_eq!(verdict(500, OK, true, &[]), refused);
        assert_eq!(verdict(200, "<html>", true, &[]), refused);
    }

    #[test]
    fn token_rejection_comes_before_status_and_code_and_needs_a_sent_token() {
        let codes = ["010787".to_string()];
        assert_eq!(verdict(401, "", true, &[]), Verdict::TokenRejected);
        assert_eq!(verdict(200, BUSINESS, true, &codes), Verdict::TokenRejected);
        assert_eq!(
            verdict(200, BUSINESS, false, &codes),
            Verdict::Fail(Cause::Refused)
        );
        assert_eq!(verdict(401, "", false, &[]), Verdict::Fail(Cause::Refused));
    }

    #[test]
    fn redirects_fail_and_busy_statuses_are_retryable() {
        assert_eq!(verdict(302, "", true, &[]), Verdict::Fail(Cause::Redirect));
        for status in [429, 502, 503, 504] {
            assert!(matches!(
                verdict(status, OK, true, &[]),
                Verdict::Retryable(Failure::Status { .. })
            ));
        }
    }

    #[test]
    fn the_error_of_a_failure_comes_from_the_exchange() {
        let site = CallSite::for_tests();
        let err = attempt(&site, 503, OK, false, &[]).into_error(Cause::Refused);
        assert_eq!(err.api_code(), Some("000000"));
        assert_eq!(err.status(), Some(503));
    }
}
