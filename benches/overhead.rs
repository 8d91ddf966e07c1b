//! The generated client beside minimal hand-written reqwest + serde_json
//! code, against the same local server, in one run:
//!
//! 1. per-call overhead: a GET with a query and a POST with a ~1 KiB body,
//!    each decoding a ~2 KiB envelope;
//! 2. throughput with 1, 16 and 256 calls in flight;
//! 3. the token path: a call that must first acquire a token while 1,000
//!    others wait on the same acquisition.
//!
//! `cargo bench --bench overhead`; the ratios are printed at the end and
//! recorded in BENCHMARKS.md. After criterion's separate measurements, a
//! paired run times both clients in alternating rounds and prints the
//! median of the per-round ratios, which a busy shared machine disturbs far
//! less than two measurements taken seconds apart.

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use futures_util::future::join_all;

mod common;
use common::*;

fn per_call(c: &mut Criterion, rt: &tokio::runtime::Runtime, base: &str) {
    let client = generated_client(base);
    let hand = HandWritten::new(base);
    let items = new_items();
    let parts = interlace::endpoint::RequestParts::of(&post_request(&items)).unwrap();
    let body_len = parts.body_bytes().map_or(0, <[u8]>::len);
    assert!((900..1400).contains(&body_len), "{body_len}");
    rt.block_on(async {
        client.authenticate().await.unwrap();
        // Open and warm both connection pools before measuring either.
        for _ in 0..500 {
            client.get_items(get_request()).await.unwrap();
            hand.get_items().await;
        }
    });

    let mut group = c.benchmark_group("per_call");
    group.bench_function("get/generated", |b| {
        b.to_async(rt).iter(|| client.get_items(get_request()))
    });
    group.bench_function("get/handwritten", |b| {
        b.to_async(rt).iter(|| hand.get_items())
    });
    group.bench_function("post/generated", |b| {
        b.to_async(rt)
            .iter(|| client.post_items(post_request(&items)))
    });
    group.bench_function("post/handwritten", |b| {
        b.to_async(rt).iter(|| hand.post_items(&items))
    });
    group.finish();
}

fn throughput(c: &mut Criterion, rt: &tokio::runtime::Runtime, base: &str) {
    let client = generated_client(base);
    let hand = HandWritten::new(base);
    rt.block_on(client.authenticate()).unwrap();
    let mut group = c.benchmark_group("throughput");
    for in_flight in [1usize, 16, 256] {
        group.throughput(Throughput::Elements(in_flight as u64));
        group.bench_with_input(
            BenchmarkId::new("generated", in_flight),
            &in_flight,
            |b, &n| {
                b.to_async(rt).iter_custom(|iters| {
                    let client = client.clone();
                    async move {
                        let start = Instant::now();
                        for _ in 0..iters {
                            let calls = (0..n).map(|_| {
                                let client = client.clone();
                                tokio::spawn(async move {
                                    client.get_items(get_request()).await.unwrap()
                                })
                            });
                            join_all(calls).await;
                        }
                        start.elapsed()
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("handwritten", in_flight),
            &in_flight,
            |b, &n| {
                b.to_async(rt).iter_custom(|iters| {
                    let hand = hand.clone();
                    async move {
                        let start = Instant::now();
                        for _ in 0..iters {
                            let calls = (0..n).map(|_| {
                                let hand = hand.clone();
                                tokio::spawn(async move { hand.get_items().await })
                            });
                            join_all(calls).await;
                        }
                        start.elapsed()
                    }
                })
            },
        );
    }
    group.finish();
}

fn token_path(c: &mut Criterion, rt: &tokio::runtime::Runtime, base: &str) {
    let base = Arc::new(base.to_owned());
    let mut group = c.benchmark_group("token_path");
    group.sample_size(10);
    // A fresh client per iteration: 1,001 calls start together and all wait
    // on the one acquisition; beside it, the same batch with a warm token.
    for warm in [false, true] {
        let name = if warm {
            "1001_calls/token_cached"
        } else {
            "1001_calls/token_acquired"
        };
        let base = base.clone();
        group.bench_function(name, |b| {
            b.to_async(rt).iter_custom(|iters| {
                let base = base.clone();
                async move {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let client = generated_client(&base);
                        if warm {
                            client.authenticate().await.unwrap();
                        }
                        let start = Instant::now();
                        let calls = (0..1001).map(|_| {
                            let client = client.clone();
                            tokio::spawn(
                                async move { client.get_items(get_request()).await.unwrap() },
                            )
                        });
                        join_all(calls).await;
                        total += start.elapsed();
                    }
                    total
                }
            })
        });
    }
    group.finish();
}

fn median_ns(id: &str) -> Option<f64> {
    let dir = std::env::var("CRITERION_HOME").unwrap_or_else(|_| "target/criterion".into());
    let text = std::fs::read_to_string(format!("{dir}/{id}/new/estimates.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn report() {
    println!("\n== generated / hand-written (medians) ==");
    let pairs = [
        (
            "per-call GET",
            "per_call/get_generated",
            "per_call/get_handwritten",
        ),
        (
            "per-call POST",
            "per_call/post_generated",
            "per_call/post_handwritten",
        ),
        (
            "1 in flight",
            "throughput/generated/1",
            "throughput/handwritten/1",
        ),
        (
            "16 in flight",
            "throughput/generated/16",
            "throughput/handwritten/16",
        ),
        (
            "256 in flight",
            "throughput/generated/256",
            "throughput/handwritten/256",
        ),
    ];
    for (label, ours, theirs) in pairs {
        match (median_ns(ours), median_ns(theirs)) {
            (Some(a), Some(b)) => println!(
                "{label:<14} generated {:>9.1} µs  hand-written {:>9.1} µs  time ratio {:.3}  (throughput ratio {:.3})",
                a / 1e3,
                b / 1e3,
                a / b,
                b / a
            ),
            _ => println!("{label:<14} (no estimate found)"),
        }
    }
    if let (Some(cold), Some(warm)) = (
        median_ns("token_path/1001_calls_token_acquired"),
        median_ns("token_path/1001_calls_token_cached"),
    ) {
        println!(
            "token path     1001 calls with acquisition {:.2} ms, with a cached token {:.2} ms: the shared acquisition adds {:.2} ms",
            cold / 1e6,
            warm / 1e6,
            (cold - warm) / 1e6
        );
    }
}

/// Times `batches` runs of `calls` through the generated client and through
/// the hand-written one, alternating which goes first, and returns the
/// per-round time ratios (generated / hand-written), sorted.
fn paired_ratios<G, H>(
    rt: &tokio::runtime::Runtime,
    rounds: usize,
    batches: usize,
    generated: impl Fn() -> G,
    hand: impl Fn() -> H,
) -> Vec<f64>
where
    G: std::future::Future<Output = ()>,
    H: std::future::Future<Output = ()>,
{
    let mut ratios: Vec<f64> = (0..rounds)
        .map(|round| {
            rt.block_on(async {
                let time = |first_generated: bool| {
                    let generated = &generated;
                    let hand = &hand;
                    async move {
                        let start = Instant::now();
                        for _ in 0..batches {
                            if first_generated {
                                generated().await;
                            } else {
                                hand().await;
                            }
                        }
                        start.elapsed().as_secs_f64()
                    }
                };
                let (g, h) = if round % 2 == 0 {
                    let g = time(true).await;
                    (g, time(false).await)
                } else {
                    let h = time(false).await;
                    (time(true).await, h)
                };
                g / h
            })
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios
}

fn in_flight<F: std::future::Future<Output = ()> + Send + 'static>(
    n: usize,
    call: impl Fn() -> F,
) -> impl std::future::Future<Output = ()> {
    let calls: Vec<_> = (0..n).map(|_| tokio::spawn(call())).collect();
    async move {
        for result in join_all(calls).await {
            result.unwrap();
        }
    }
}

fn paired(rt: &tokio::runtime::Runtime, base: &str) {
    let client = generated_client(base);
    let hand = HandWritten::new(base);
    let items = Arc::new(new_items());
    rt.block_on(client.authenticate()).unwrap();
    println!("\n== paired rounds: generated / hand-written time, median [quartiles] ==");
    let show = |label: &str, ratios: Vec<f64>| {
        let q = |f: f64| ratios[((ratios.len() - 1) as f64 * f).round() as usize];
        println!(
            "{label:<14} time ratio {:.3} [{:.3}, {:.3}]  throughput ratio {:.3}  ({} rounds)",
            q(0.5),
            q(0.25),
            q(0.75),
            1.0 / q(0.5),
            ratios.len()
        );
    };
    show(
        "per-call GET",
        paired_ratios(
            rt,
            200,
            20,
            || {
                let client = client.clone();
                async move {
                    client.get_items(get_request()).await.unwrap();
                }
            },
            || {
                let hand = hand.clone();
                async move {
                    hand.get_items().await;
                }
            },
        ),
    );
    show(
        "per-call POST",
        paired_ratios(
            rt,
            200,
            20,
            || {
                let (client, items) = (client.clone(), items.clone());
                async move {
                    client.post_items(post_request(&items)).await.unwrap();
                }
            },
            || {
                let (hand, items) = (hand.clone(), items.clone());
                async move {
                    hand.post_items(&items).await;
                }
            },
        ),
    );
    for (n, rounds, batches) in [(1usize, 200, 20), (16, 100, 4), (256, 40, 1)] {
        show(
            &format!("{n} in flight"),
            paired_ratios(
                rt,
                rounds,
                batches,
                || {
                    let client = client.clone();
                    in_flight(n, move || {
                        let client = client.clone();
                        async move {
                            client.get_items(get_request()).await.unwrap();
                        }
                    })
                },
                || {
                    let hand = hand.clone();
                    in_flight(n, move || {
                        let hand = hand.clone();
                        async move {
                            hand.get_items().await;
                        }
                    })
                },
            ),
        );
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let base = start_server();
    let mut c = Criterion::default()
        .configure_from_args()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(30);
    per_call(&mut c, &rt, &base);
    throughput(&mut c, &rt, &base);
    token_path(&mut c, &rt, &base);
    c.final_summary();
    report();
    paired(&rt, &base);
}
