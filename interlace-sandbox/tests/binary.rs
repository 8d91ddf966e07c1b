//! The standalone server: it starts, prints where it listens, serves the
//! quickstart flow over raw HTTP with the faults it was given, logs
//! requests, and stops cleanly on SIGTERM and SIGINT.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

struct Server {
    child: Child,
    url: String,
    client_id: String,
    lines: std::sync::mpsc::Receiver<String>,
}

/// The child's output, line by line, as it comes; the channel closes at EOF.
fn read_lines(child: &mut Child) -> std::sync::mpsc::Receiver<String> {
    let stdout = child.stdout.take().unwrap();
    let (tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    lines
}

fn start(extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_interlace-sandbox"))
        .args(["--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let lines = read_lines(&mut child);
    let mut url = None;
    let mut client_id = None;
    // The banner ends once the server listens for signals.
    loop {
        let line = lines
            .recv_timeout(Duration::from_secs(30))
            .expect("the banner is printed");
        if let Some(u) = line.strip_prefix("interlace-sandbox listening on ") {
            url = Some(u.to_string());
        } else if let Some(id) = line.strip_prefix("client id:") {
            client_id = Some(id.trim().to_string());
        } else if line.starts_with("stop with") {
            break;
        }
    }
    Server {
        child,
        url: url.unwrap(),
        client_id: client_id.unwrap(),
        lines,
    }
}

fn signal(child: &mut Child, name: &str) -> std::process::ExitStatus {
    let status = Command::new("kill")
        .args([format!("-{name}"), child.id().to_string()])
        .status()
        .expect("`kill` runs");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop on SIG{name}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test]
async fn the_server_serves_the_quickstart_flow_and_stops_on_sigterm() {
    let log = std::env::temp_dir().join(format!(
        "interlace-sandbox-bin-{}.jsonl",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&log);
    let mut server = start(&[
        "--fault",
        "503:/open-api/v3/card-list:1",
        "--seed-cards",
        "1",
        "--request-log",
        log.to_str().unwrap(),
    ]);
    let http = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", server.url);
    let call = |req: reqwest::RequestBuilder| async move {
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json::<Value>().await.unwrap_or(Value::Null))
    };

    let (_, code) = call(
        http.get(url("/open-api/v3/oauth/authorize"))
            .query(&[("clientId", &server.client_id)]),
    )
    .await;
    let (_, token) = call(
        http.post(url("/open-api/v3/oauth/access-token"))
            .json(&json!({"clientId": server.client_id, "code": code["data"]["code"]})),
    )
    .await;
    let token = token["data"]["accessToken"].as_str().unwrap().to_string();
    let (_, accounts) = call(
        http.get(url("/open-api/v3/accounts"))
            .header("x-access-token", &token),
    )
    .await;
    let master = accounts["data"]["list"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, bins) = call(
        http.get(url("/open-api/v3/card/bins"))
            .header("x-access-token", &token)
            .query(&[("accountId", &master)]),
    )
    .await;
    let bin = bins["data"]["list"][0]["id"].as_str().unwrap().to_string();
    let (_, holder) = call(http.post(url("/open-api/v3/cardholders")).header("x-access-token", &token).json(&json!({
        "accountId": master, "binId": bin, "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
        "dob": "1990-12-10", "gender": "F", "nationality": "US", "phoneNumber": "5550100", "phoneCountryCode": "1",
        "address": {"addressLine1": "1 Main St", "city": "Austin", "state": "TX", "country": "US", "postalCode": "73301"}
    })))
    .await;
    assert_eq!(holder["code"], "000000", "{holder}");
    let (_, card) = call(
        http.post(url("/open-api/v3/prepaid-card"))
            .header("x-access-token", &token)
            .header("Idempotency-Key", "k-1")
            .json(
                &json!({"accountId": master, "binId": bin, "cardholderId": holder["data"]["id"],
                "referenceId": "r-1", "cardMode": "VIRTUAL_CARD"}),
            ),
    )
    .await;
    assert_eq!(card["code"], "000000", "{card}");
    let card_id = card["data"]["id"].as_str().unwrap().to_string();
    let (_, funded) = call(http.post(url("/open-api/v3/cards/transfer-in")).header("x-access-token", &token).json(&json!({
        "accountId": master, "cardId": card_id, "clientTransactionId": "t-1", "amount": "25.00"
    })))
    .await;
    assert_eq!(funded["data"]["status"], "CLOSED", "{funded}");

    // The fault from the command line hits the first list call only.
    let list = || {
        http.get(url("/open-api/v3/card-list"))
            .header("x-access-token", &token)
            .query(&[("accountId", &master)])
    };
    assert_eq!(call(list()).await.0, 503);
    let (status, cards) = call(list()).await;
    assert_eq!(status, 200);
    assert_eq!(cards["data"]["list"][0]["id"], card_id.as_str());

    let status = signal(&mut server.child, "TERM");
    assert!(status.success(), "{status:?}");
    // Until the output ends (the reader thread stops at EOF).
    let mut rest = Vec::new();
    while let Ok(line) = server.lines.recv_timeout(Duration::from_secs(10)) {
        rest.push(line);
    }
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged
            .lines()
            .any(|l| l.contains("/open-api/v3/prepaid-card")),
        "{logged}"
    );
    let _ = std::fs::remove_file(&log);
}

#[test]
fn the_server_stops_on_sigint_and_refuses_bad_flags() {
    let mut server = start(&[]);
    assert!(signal(&mut server.child, "INT").success());
    let out = Command::new(env!("CARGO_BIN_EXE_interlace-sandbox"))
        .args(["--fault", "200:/x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("400-599"));
}

#[tokio::test]
async fn the_proxy_subcommand_forwards_and_writes_its_report_on_sigterm() {
    let upstream = interlace_sandbox::Sandbox::start().await.unwrap();
    let report =
        std::env::temp_dir().join(format!("interlace-proxy-bin-{}.json", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_interlace-sandbox"))
        .args([
            "proxy",
            "--upstream",
            upstream.url(),
            "--port",
            "0",
            "--report",
        ])
        .arg(&report)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let lines = read_lines(&mut child);
    let url = loop {
        let line = lines
            .recv_timeout(Duration::from_secs(30))
            .expect("the proxy says where it listens");
        if let Some(u) = line.strip_prefix("listening on ") {
            break u.to_string();
        }
    };
    // Wait for the "stop with" line: the signal handlers are in place.
    while !lines
        .recv_timeout(Duration::from_secs(30))
        .unwrap()
        .starts_with("stop with")
    {}
    let answer: Value = reqwest::Client::new()
        .get(format!("{url}/open-api/v3/oauth/authorize"))
        .query(&[("clientId", upstream.client_id())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["code"], "000000", "{answer}");

    let status = signal(&mut child, "TERM");
    assert!(status.success(), "{status:?}");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(
        written["operations"][0]["operation"], "authorize",
        "{written}"
    );
    assert_eq!(written["operations"][0]["calls"], 1, "{written}");
    // Until the output ends (the reader thread stops at EOF).
    let mut rest = Vec::new();
    while let Ok(line) = lines.recv_timeout(Duration::from_secs(10)) {
        rest.push(line);
    }
    assert!(
        rest.iter()
            .any(|l| l.contains("operation(s) seen in 1 call(s)")),
        "{rest:?}"
    );
    std::fs::remove_file(report).ok();
}

#[test]
fn contract_update_applies_what_a_report_supports_and_changes_nothing_else() {
    let dir = std::env::temp_dir().join(format!("interlace-update-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let contract = dir.join("contract.json");
    std::fs::write(&contract, interlace_contract::BUNDLED_TEXT).unwrap();
    let report = dir.join("drift.json");
    std::fs::write(
        &report,
        json!({"contract": "x", "upstream": "https://api-sandbox.interlace.money", "operations": [],
               "findings": [
            {"operation": "listPayouts", "method": "GET", "path": "/open-api/v3/payments",
             "direction": "response", "kind": "operation-confirmed", "verdict": "confirms",
             "pointer": "", "expected": "", "actual": "", "count": 1, "example": ""},
            {"operation": "getCardSummary", "method": "GET", "path": "/open-api/v3/cards/{cardId}/card-summary",
             "direction": "response", "kind": "wrong-type", "verdict": "contradicts",
             "pointer": "/data/cardId", "expected": "string", "actual": "integer",
             "confidence": "seen-working", "count": 2, "example": "7"}
        ]})
        .to_string(),
    )
    .unwrap();
    let run = |write: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_interlace-sandbox"));
        cmd.arg("contract-update")
            .arg(&report)
            .arg("--contract")
            .arg(&contract);
        if write {
            cmd.arg("--write");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let dry = run(false);
    assert!(dry.contains("would apply 1 change(s)"), "{dry}");
    assert!(
        dry.contains("1 contradiction(s) to decide") && dry.contains("/data/cardId"),
        "{dry}"
    );
    assert_eq!(
        std::fs::read_to_string(&contract).unwrap(),
        interlace_contract::BUNDLED_TEXT
    );

    // A report of a loopback upstream (the emulator, most likely) is refused.
    let local = dir.join("local.json");
    let mut from_emulator: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    from_emulator["upstream"] = json!("http://127.0.0.1:8080");
    std::fs::write(&local, from_emulator.to_string()).unwrap();
    let refused = Command::new(env!("CARGO_BIN_EXE_interlace-sandbox"))
        .arg("contract-update")
        .arg(&local)
        .arg("--contract")
        .arg(&contract)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("loopback"),
        "{refused:?}"
    );

    let wrote = run(true);
    assert!(wrote.contains("applied 1 change(s)"), "{wrote}");
    let updated = std::fs::read_to_string(&contract).unwrap();
    let changed: Vec<_> = updated
        .lines()
        .zip(interlace_contract::BUNDLED_TEXT.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].0.contains("seen-working"), "{changed:?}");
    let doc = interlace_contract::Document::parse(&updated).unwrap();
    assert!(doc.problems().is_empty());
    std::fs::remove_dir_all(dir).ok();
}
