//! A client of another API: plain JSON answers with errors by HTTP status,
//! a bearer token or a key header instead of Interlace's OAuth flow, and a
//! 204 answered with an empty body. The endpoints are declared against that
//! API's own OpenAPI file and called over real HTTP on 127.0.0.1.

use interlace::{
    Authentication, Client, Config, Environment, Error, NoContent, ResponseFormat,
    interlace_endpoint, interlace_model,
};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[interlace_model("Todo", contract = "tests/fixtures/todos.openapi.json")]
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct Todo {
    pub id: u64,
    pub title: String,
    #[serde(default)]
    pub done: Option<bool>,
}

#[interlace_endpoint(GET "/todos/{todo_id}", response = Todo, contract = "tests/fixtures/todos.openapi.json")]
pub struct GetTodo {
    pub todo_id: u64,
}

#[interlace_endpoint(POST "/todos", response = Todo, contract = "tests/fixtures/todos.openapi.json")]
pub struct CreateTodo {
    pub title: String,
    pub done: Option<bool>,
}

#[interlace_endpoint(DELETE "/todos/{todo_id}", contract = "tests/fixtures/todos.openapi.json")]
pub struct DeleteTodo {
    pub todo_id: u64,
}

fn client(server: &MockServer, authentication: Authentication) -> Client {
    Client::new(
        Config::builder()
            .environment(Environment::Custom)
            .base_url(server.uri())
            .response_format(ResponseFormat::PlainJson)
            .authentication(authentication)
            .build()
            .unwrap(),
    )
    .unwrap()
}

async fn todo_server(auth: (&'static str, &'static str)) -> MockServer {
    let server = MockServer::start().await;
    // Anything without the credential is refused, as the real API would.
    Mock::given(method("GET"))
        .and(path("/todos/1"))
        .and(header(auth.0, auth.1))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": 1, "title": "write tests"})),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/todos/9"))
        .and(header(auth.0, auth.1))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"error": "no todo 9"})))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/todos"))
        .and(header(auth.0, auth.1))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"id": 2, "title": "ship", "done": false})),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/todos/1"))
        .and(header(auth.0, auth.1))
        .respond_with(ResponseTemplate::new(204))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "unauthorized"})))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_plain_json_api_with_a_bearer_token() {
    let server = todo_server(("authorization", "Bearer t0ken")).await;
    let client = client(&server, Authentication::bearer("t0ken"));

    let todo = client.send(GetTodo::new(1)).await.unwrap();
    assert_eq!(
        todo,
        Todo {
            id: 1,
            title: "write tests".into(),
            done: None
        }
    );

    let created = client
        .send(CreateTodo::new("ship").done(false))
        .await
        .unwrap();
    assert_eq!(created.id, 2);

    let deleted: NoContent = client.send(DeleteTodo::new(1)).await.unwrap();
    assert_eq!(deleted, NoContent);

    match client.send(GetTodo::new(9)).await.unwrap_err() {
        Error::Api(e) => {
            assert_eq!(
                (e.status, e.code.as_str(), e.message.as_str()),
                (404, "404", "no todo 9")
            );
        }
        other => panic!("expected an API error, got {other:?}"),
    }

    // No OAuth call went out, and the body went as declared.
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 4, "{requests:?}");
    assert!(requests.iter().all(|r| !r.url.path().contains("oauth")));
    let body: serde_json::Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(body, json!({"title": "ship", "done": false}));
}

#[tokio::test]
async fn a_rejected_fixed_credential_is_an_error_and_is_not_replayed() {
    let server = todo_server(("authorization", "Bearer t0ken")).await;
    let client = client(&server, Authentication::bearer("wrong"));
    let err = client.send(GetTodo::new(1)).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.api_code(), Some("401"));
    assert!(err.to_string().contains("unauthorized"), "{err}");
    assert!(
        !format!("{err:?} {err}").contains("wrong"),
        "the credential leaked: {err:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_key_header_and_no_authentication() {
    let server = todo_server(("x-api-key", "k3y")).await;
    let keyed = client(&server, Authentication::header("X-Api-Key", "k3y"));
    assert_eq!(keyed.send(GetTodo::new(1)).await.unwrap().id, 1);

    let anonymous = client(&server, Authentication::None);
    let err = anonymous.send(GetTodo::new(1)).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    let requests = server.received_requests().await.unwrap();
    assert!(requests[1].headers.get("x-api-key").is_none());
    assert!(requests[1].headers.get("authorization").is_none());
    assert!(requests[1].headers.get("x-access-token").is_none());
}

#[tokio::test]
async fn a_plain_answer_that_is_not_what_was_declared_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/todos/1"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>busy</html>"))
        .mount(&server)
        .await;
    let client = client(&server, Authentication::None);
    let err = client.send(GetTodo::new(1)).await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert_eq!(err.status(), Some(200));
}

/// Interlace's own format too takes a 204 with an empty body for `NoContent`.
#[tokio::test]
async fn an_envelope_api_answering_204_with_no_body_is_no_content() {
    let server = MockServer::start().await;
    let envelope = |data: serde_json::Value| {
        ResponseTemplate::new(200)
            .set_body_json(json!({"code": "000000", "message": "success", "data": data}))
    };
    Mock::given(method("GET"))
        .and(path("/open-api/v3/oauth/authorize"))
        .respond_with(envelope(json!({"code": "c0de"})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/open-api/v3/oauth/access-token"))
        .respond_with(envelope(json!({"accessToken": "t", "expiresIn": 86400})))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/todos/1"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/todos/1"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::new(
        Config::builder()
            .client_id("interlace0123")
            .client_secret("s3cret")
            .environment(Environment::Custom)
            .base_url(server.uri())
            .build()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(client.send(DeleteTodo::new(1)).await.unwrap(), NoContent);
    // A type that needs data still fails, naming the shape.
    let err = client.send(GetTodo::new(1)).await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
}
