//! Instruction counts per call, generated client against hand-written
//! reqwest, for `valgrind --tool=callgrind` (repeatable where wall-clock
//! timings on a shared machine are not). Run through `benches/instructions.sh`.
//!
//! `instructions <generated|handwritten> <get|post> <calls>`: starts the
//! local server, warms both sides up, then makes `calls` sequential calls.

mod common;
use common::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo bench` runs every bench target with `--bench`: nothing to do then.
    if args.len() < 4 || args.iter().any(|a| a == "--bench") {
        return;
    }
    let (side, method, calls) = (
        args[1].as_str(),
        args[2].as_str(),
        args[3].parse::<usize>().expect("a call count"),
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let base = start_server();
    let client = generated_client(&base);
    let hand = HandWritten::new(&base);
    let items = new_items();
    rt.block_on(async {
        client.authenticate().await.unwrap();
        for _ in 0..20 {
            client.get_items(get_request()).await.unwrap();
            hand.get_items().await;
        }
        for _ in 0..calls {
            match (side, method) {
                ("generated", "get") => drop(client.get_items(get_request()).await.unwrap()),
                ("generated", "post") => {
                    drop(client.post_items(post_request(&items)).await.unwrap())
                }
                ("handwritten", "get") => drop(hand.get_items().await),
                ("handwritten", "post") => drop(hand.post_items(&items).await),
                other => panic!("unknown mode {other:?}"),
            }
        }
    });
}
