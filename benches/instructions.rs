//! Instruction counts per call, generated client against hand-written
//! reqwest, for `valgrind --tool=callgrind` (repeatable where wall-clock
//! timings on a shared machine are not). Run through `benches/instructions.sh`.
//!
//! `instructions <generated|handwritten> <get|post> <calls> [in_flight]`:
//! starts the local server, warms both sides up, then makes `calls`
//! sequential calls on a current-thread runtime, or, with `in_flight`, GETs
//! in waves of `in_flight` concurrent tasks on two worker threads (for
//! `benches/cpu_per_call.sh`, which measures CPU time rather than
//! instructions).

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
    let in_flight: usize = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(0);
    let rt = if in_flight > 0 {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    };
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
        if let Some(waves) = calls.checked_div(in_flight) {
            for _ in 0..waves {
                let tasks: Vec<_> = (0..in_flight)
                    .map(|_| {
                        let (client, hand) = (client.clone(), hand.clone());
                        let generated = side == "generated";
                        tokio::spawn(async move {
                            if generated {
                                drop(client.get_items(get_request()).await.unwrap());
                            } else {
                                drop(hand.get_items().await);
                            }
                        })
                    })
                    .collect();
                for t in tasks {
                    t.await.unwrap();
                }
            }
            return;
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
