//! Runs the pure core (parse + analyse) over a batch file many times, for
//! profilers: `perf stat -e cycles,instructions target/release/examples/core_loop
//! BATCH.jsonl [ROUNDS]`. Prints the work done; timing is the profiler's job
//! (the benchmark with figures is `cargo bench --bench core`).
//! `WIREWATCH_LOOP=process` runs what a classification thread of the worker
//! runs per message instead: the core, the enriched record and its JSON.

use std::hint::black_box;
use std::path::PathBuf;
use wirewatch::engine::Engine;
use wirewatch::parse::parse_payload;
use wirewatch::pipeline::{Limits, process};

/// mimalloc: the engine makes many small short-lived allocations per story,
/// and the system allocator was some 15% of the core's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let batch = args.next().expect("usage: core_loop BATCH.jsonl [ROUNDS]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(200);
    let engine = Engine::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config"))
        .expect("config loads");
    let text = std::fs::read_to_string(&batch).expect("batch file reads");
    let payloads: Vec<(Option<String>, Vec<u8>)> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let p = v.get("payload")?.as_str()?.as_bytes().to_vec();
            Some((v.get("key").and_then(|k| k.as_str()).map(str::to_string), p))
        })
        .collect();
    let bytes: usize = payloads.iter().map(|(_, p)| p.len()).sum();
    let whole = std::env::var("WIREWATCH_LOOP").is_ok_and(|v| v == "process");
    let limits = Limits::default();
    for _ in 0..rounds {
        for (k, p) in &payloads {
            if whole {
                black_box(process(&engine, k.as_deref(), p, &limits));
            } else if let Ok(s) = parse_payload(k.as_deref(), p, 1 << 20) {
                black_box(engine.analyse(&s));
            }
        }
    }
    println!(
        "{} payloads, {} bytes, {} rounds",
        payloads.len(),
        bytes,
        rounds
    );
}
