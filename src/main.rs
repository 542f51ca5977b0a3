//! Thin entry point: arguments -> config -> telemetry -> the chosen command.

use clap::Parser;
use std::io::{BufReader, Write};
use std::process::ExitCode;
use wirewatch::cli::classify::{classify_batch, classify_one, write_line};
use wirewatch::cli::replay::replay;
use wirewatch::cli::{Cli, Command, EXIT_CONFIG};
use wirewatch::config::Config;
use wirewatch::engine::Engine;
use wirewatch::pipeline::Limits;

/// mimalloc: the engine makes many small short-lived allocations per story,
/// and the system allocator was some 15% of the core's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    wirewatch::allocator::lean();
    let cli = Cli::parse();
    match cli.command {
        Command::Run { config } => {
            let config = match Config::load(config.as_deref()) {
                Ok(c) => c,
                Err(e) => return fail(EXIT_CONFIG, &format!("configuration error: {e}")),
            };
            wirewatch::telemetry::init_logging(config.log_format);
            ExitCode::from(wirewatch::app::run_blocking(config) as u8)
        }
        Command::Replay {
            batch,
            brokers,
            topic,
        } => {
            let rt = match tokio::runtime::Runtime::new() {
                Ok(rt) => rt,
                Err(e) => return fail(1, &format!("cannot start the runtime: {e}")),
            };
            let result = if batch.as_os_str() == "-" {
                rt.block_on(replay(&brokers, &topic, std::io::stdin().lock()))
            } else {
                match std::fs::File::open(&batch) {
                    Ok(f) => rt.block_on(replay(&brokers, &topic, BufReader::new(f))),
                    Err(e) => return fail(1, &format!("cannot read {}: {e}", batch.display())),
                }
            };
            match result {
                Ok(n) => {
                    eprintln!("wirewatch: produced {n} stories to {topic}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(1, &e.to_string()),
            }
        }
        Command::CheckConfig { config } => match Config::load(config.as_deref()) {
            Ok(c) => {
                if let Err(e) = wirewatch::kafka::client_config::validate(&c) {
                    return fail(EXIT_CONFIG, &format!("configuration error: {e}"));
                }
                let engine = Engine::load(&c.rules_dir);
                // The file's own schema, so it can be pasted back as a config.
                print!("{}", c.effective_toml());
                match engine {
                    Ok(e) => {
                        eprintln!("config OK; rules version {}", e.version());
                        ExitCode::SUCCESS
                    }
                    Err(e) => fail(
                        EXIT_CONFIG,
                        &format!("rules in {} do not load: {e}", c.rules_dir.display()),
                    ),
                }
            }
            Err(e) => fail(EXIT_CONFIG, &format!("configuration error: {e}")),
        },
        Command::Classify {
            files,
            batch,
            rules_dir,
            max_payload_bytes,
            pretty,
        } => {
            if files.is_empty() && batch.is_none() {
                return fail(
                    EXIT_CONFIG,
                    "nothing to classify: give payload files or --batch FILE.jsonl",
                );
            }
            let engine = match Engine::load(&rules_dir) {
                Ok(e) => e,
                Err(e) => {
                    return fail(
                        EXIT_CONFIG,
                        &format!(
                            "rules in {} do not load: {e} (run from the repository root or pass --rules-dir)",
                            rules_dir.display()
                        ),
                    );
                }
            };
            let limits = Limits {
                max_payload_bytes,
                max_record_bytes: usize::MAX,
            };
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            for file in &files {
                let line = match std::fs::read(file) {
                    Ok(bytes) => classify_one(&engine, None, &bytes, &limits),
                    Err(e) => {
                        return fail(1, &format!("cannot read {}: {e}", file.display()));
                    }
                };
                if write_line(&mut out, &line, pretty).is_err() {
                    return ExitCode::from(1);
                }
            }
            if let Some(batch) = batch {
                let result = if batch.as_os_str() == "-" {
                    classify_batch(&engine, std::io::stdin().lock(), &mut out, &limits, pretty)
                } else {
                    match std::fs::File::open(&batch) {
                        Ok(f) => {
                            classify_batch(&engine, BufReader::new(f), &mut out, &limits, pretty)
                        }
                        Err(e) => {
                            return fail(1, &format!("cannot read {}: {e}", batch.display()));
                        }
                    }
                };
                if let Err(e) = result {
                    return fail(1, &format!("batch failed: {e}"));
                }
            }
            if out.flush().is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
    }
}

fn fail(code: i32, message: &str) -> ExitCode {
    eprintln!("wirewatch: {message}");
    ExitCode::from(code as u8)
}
