//! Throughput of the pure core: parse + analyse, and analyse alone, over a
//! corpus of stories (the shared dev set when present, else the repository's
//! own fixtures in `tests/fixtures/corpus/`). Reported in bytes of story
//! text (decimal units, so criterion prints MB/s as the bar states it);
//! stories/s is printed once at the end for both. The bar is 50 MB/s per
//! core in release mode.
//!
//! `WIREWATCH_BENCH_CONFIG=<dir>` benchmarks with another configuration
//! directory (rules/, gazetteer/, codes.toml), so before/after runs can use
//! the same rules while `config/` is being edited.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use wirewatch::engine::Engine;
use wirewatch::parse::parse_payload;

/// mimalloc: the engine makes many small short-lived allocations per story,
/// and the system allocator was some 15% of the core's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MAX: usize = 1 << 20;

fn corpus() -> Vec<(Option<String>, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dev = root.join("../shared/data/dev-stories.jsonl");
    if let Ok(text) = std::fs::read_to_string(&dev) {
        let rows: Vec<_> = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| {
                let payload = v.get("payload")?.as_str()?.as_bytes().to_vec();
                let key = v.get("key").and_then(|k| k.as_str()).map(str::to_string);
                Some((key, payload))
            })
            .collect();
        if !rows.is_empty() {
            return rows;
        }
    }
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/corpus"))
        .expect("fixture corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (None, std::fs::read(p).unwrap()))
        .collect()
}

fn bench(c: &mut Criterion) {
    let config = std::env::var_os("WIREWATCH_BENCH_CONFIG")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config"));
    let engine = Engine::load(&config).expect("config loads");
    let payloads = corpus();
    let stories: Vec<_> = payloads
        .iter()
        .filter_map(|(k, p)| parse_payload(k.as_deref(), p, MAX).ok())
        .collect();
    let payload_bytes: u64 = payloads.iter().map(|(_, p)| p.len() as u64).sum();
    let body_bytes: u64 = stories.iter().map(|s| s.body.len() as u64).sum();

    let mut g = c.benchmark_group("core");
    g.sample_size(20)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::BytesDecimal(payload_bytes));
    g.bench_function("parse+analyse", |b| {
        b.iter(|| {
            for (k, p) in &payloads {
                if let Ok(s) = parse_payload(k.as_deref(), p, MAX) {
                    black_box(engine.analyse(&s));
                }
            }
        })
    });
    g.throughput(Throughput::BytesDecimal(body_bytes));
    g.bench_function("analyse", |b| {
        b.iter(|| {
            for s in &stories {
                black_box(engine.analyse(s));
            }
        })
    });
    // the stages alone, to see where the time goes
    g.bench_function("stage/parse", |b| {
        b.iter(|| {
            for (k, p) in &payloads {
                black_box(parse_payload(k.as_deref(), p, MAX).ok());
            }
        })
    });
    g.bench_function("stage/words", |b| {
        b.iter(|| {
            for s in &stories {
                black_box(wirewatch::text::words::words(&s.body));
            }
        })
    });
    g.bench_function("stage/rules-scan", |b| {
        b.iter(|| {
            for s in &stories {
                black_box(engine.rules().scan(&s.body));
            }
        })
    });
    g.bench_function("stage/gazetteer", |b| {
        b.iter(|| {
            for s in &stories {
                black_box(engine.gazetteer().find(&s.body));
            }
        })
    });
    g.bench_function("stage/sentences", |b| {
        b.iter(|| {
            for s in &stories {
                black_box(wirewatch::text::sentences(&s.body));
            }
        })
    });
    g.finish();

    // stories per second, measured directly for the report
    let rounds = 100;
    let report = |name: &str, bytes: u64, run: &dyn Fn()| {
        let t = Instant::now();
        for _ in 0..rounds {
            run();
        }
        let secs = t.elapsed().as_secs_f64();
        let n = (stories.len() * rounds) as f64;
        println!(
            "core/{name}: {} stories, {:.0} stories/s, {:.1} MB/s (single thread)",
            stories.len(),
            n / secs,
            bytes as f64 * rounds as f64 / secs / 1e6
        );
    };
    report("parse+analyse", payload_bytes, &|| {
        for (k, p) in &payloads {
            if let Ok(s) = parse_payload(k.as_deref(), p, MAX) {
                black_box(engine.analyse(&s));
            }
        }
    });
    report("analyse", body_bytes, &|| {
        for s in &stories {
            black_box(engine.analyse(s));
        }
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
