use interlace::interlace_endpoint;

#[derive(Debug, Clone)]
pub struct RequestId;

#[interlace_endpoint(POST "/open-api/v3/example/prepaid-card", unlisted = "a case about field types")]
pub struct CreateCard {
    #[interlace(header = "X-Request-Id")]
    pub request_id: Option<RequestId>,
    #[interlace(header = "X-Trace")]
    pub trace: RequestId,
}

fn main() {}
