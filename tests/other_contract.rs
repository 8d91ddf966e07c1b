//! Declarations checked against another OpenAPI document
//! (`contract = "tests/fixtures/petstore.openapi.json"`) compile, and send
//! what that document describes.

use std::sync::Arc;

use interlace::testing::ManualClock;
use interlace::{Client, Config, Environment, interlace_endpoint, interlace_model};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[interlace_model("Pet", contract = "tests/fixtures/petstore.openapi.json")]
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct Pet {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub tag: Option<String>,
}

#[interlace_endpoint(GET "/pets/{pet_id}", response = Pet, contract = "tests/fixtures/petstore.openapi.json")]
pub struct ShowPet {
    pub pet_id: String,
}

#[interlace_endpoint(POST "/pets", response = Pet, contract = "tests/fixtures/petstore.openapi.json")]
pub struct CreatePet {
    pub name: String,
    pub tag: Option<String>,
}

fn envelope(data: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(serde_json::json!({"code": "000000", "message": "success", "data": data}))
}

#[tokio::test]
async fn calls_declared_against_another_contract_reach_the_wire_as_it_describes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/open-api/v3/oauth/authorize"))
        .respond_with(envelope(serde_json::json!({"code": "c0de"})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/open-api/v3/oauth/access-token"))
        .respond_with(envelope(
            serde_json::json!({"accessToken": "t", "expiresIn": 86400}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/7"))
        .respond_with(envelope(serde_json::json!({"id": 7, "name": "Rex"})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .respond_with(envelope(
            serde_json::json!({"id": 8, "name": "Tom", "tag": "cat"}),
        ))
        .mount(&server)
        .await;
    let config = Config::builder()
        .client_id("interlace0011223344556677")
        .client_secret("00112233445566778899aabbccddeeff")
        .environment(Environment::Custom)
        .base_url(server.uri())
        .build()
        .unwrap();
    let client = Client::builder(config)
        .clock(Arc::new(ManualClock::new()))
        .build()
        .unwrap();

    let rex = client.send(ShowPet::new("7")).await.unwrap();
    assert_eq!(
        rex,
        Pet {
            id: 7,
            name: "Rex".into(),
            tag: None
        }
    );
    let tom = client.send(CreatePet::new("Tom").tag("cat")).await.unwrap();
    assert_eq!(tom.tag.as_deref(), Some("cat"));

    let sent = server.received_requests().await.unwrap();
    let create = sent.iter().find(|r| r.url.path() == "/pets").unwrap();
    let body: serde_json::Value = serde_json::from_slice(&create.body).unwrap();
    assert_eq!(body, serde_json::json!({"name": "Tom", "tag": "cat"}));
}
