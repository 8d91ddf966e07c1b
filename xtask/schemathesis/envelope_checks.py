"""Schemathesis's negative_data_rejection, positive_data_acceptance and
missing_required_header, on the envelope's verdict.

Interlace (and the emulator) refuse a request with HTTP 200 and an envelope
whose `code` is not a success; Schemathesis's two checks read only the HTTP
status. These wrappers show the built-in logic the status the envelope
means (validation 400, token 401, not found 404, any other business refusal
409) and change nothing else: every other check sees the real response,
and the expected statuses are not widened to 200, which would let a wrongly
accepted request through. `schemathesis.toml` runs these instead of the
three built-ins.
"""

import copy

import schemathesis
from schemathesis.specs.openapi import checks as builtin

SUCCESS = {"000000", "0", 0}
# The emulator's codes (interlace_sandbox::codes) and the HTTP status each
# stands for.
STATUS_OF_CODE = {
    "100400": 400,  # VALIDATION: the request is not what the contract says
    "100401": 401,  # INVALID_TOKEN
    "100001": 401,  # INVALID_CLIENT
    "100002": 401,  # INVALID_CODE
    "100003": 401,  # INVALID_REFRESH_TOKEN
    "100404": 404,  # NOT_FOUND
}


def as_verdict(response):
    """`response`, with the status its envelope means when it refuses."""
    if response.status_code != 200:
        return response
    try:
        body = response.json()
    except Exception:
        return response
    if not isinstance(body, dict) or "code" not in body or body["code"] in SUCCESS:
        return response
    seen = copy.copy(response)
    seen.status_code = STATUS_OF_CODE.get(str(body["code"]), 409)
    return seen


@schemathesis.check
def negative_data_rejection_by_envelope(ctx, response, case):
    """A request the contract refuses is refused: by the envelope's code."""
    return builtin.negative_data_rejection(ctx, as_verdict(response), case)


@schemathesis.check
def positive_data_acceptance_by_envelope(ctx, response, case):
    """A request the contract accepts is not refused as invalid: by the envelope's code."""
    return builtin.positive_data_acceptance(ctx, as_verdict(response), case)


@schemathesis.check
def missing_required_header_by_envelope(ctx, response, case):
    """A request without a required header is refused: by the envelope's code."""
    return builtin.missing_required_header(ctx, as_verdict(response), case)
