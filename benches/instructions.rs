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
//!
//! `instructions serve` runs only the server and prints its URL; with
//! `BENCH_SERVER=<url>` the other modes call that server instead of one of
//! their own, so that callgrind counts the client alone. Every run prints
//! the heap allocations its measured calls made (`allocations N`), counted
//! by a wrapper around the system allocator.

mod common;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

use common::*;

/// The system allocator, counting allocations.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is passed to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller upholds `alloc`'s contract, which we forward.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("serve") {
        println!("{}", start_server());
        loop {
            std::thread::park();
        }
    }
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
    let base = std::env::var("BENCH_SERVER").unwrap_or_else(|_| start_server());
    let client = generated_client(&base);
    // `listed` and `checked` call the contract's card list, with the
    // contract check off and on: the difference is the check's cost.
    let checked = checked_client(&base, interlace::ContractCheck::Warn);
    let list_cards = || interlace::cards::ListCards::new("3f2b8c1e-9a4d-4e7b-8f21-6c0d5e9a1b23");
    let hand = HandWritten::new(&base);
    let items = new_items();
    rt.block_on(async {
        client.authenticate().await.unwrap();
        checked.authenticate().await.unwrap();
        for _ in 0..20 {
            drop(client.send(list_cards()).await.unwrap());
            drop(checked.send(list_cards()).await.unwrap());
        }
        for _ in 0..20 {
            client.get_items(get_request()).await.unwrap();
            hand.get_items().await;
            drop(client.post_items(post_request(&items)).await.unwrap());
            hand.post_items(&items).await;
        }
        ALLOCATIONS.store(0, Ordering::Relaxed);
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
                ("listed", "get") => drop(client.send(list_cards()).await.unwrap()),
                ("checked", "get") => drop(checked.send(list_cards()).await.unwrap()),
                ("handwritten", "post") => drop(hand.post_items(&items).await),
                other => panic!("unknown mode {other:?}"),
            }
        }
    });
    println!("allocations {}", ALLOCATIONS.load(Ordering::Relaxed));
}
