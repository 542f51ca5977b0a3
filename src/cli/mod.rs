//! Command-line interface: argument definitions and the offline commands.
//! `main.rs` only dispatches; the worker itself lives in `app`.

pub mod classify;
pub mod replay;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// One line of a batch file (the shape `kcat -J` prints); extra fields
/// ignored. `payload` is optional here so each command can say what a line
/// without one means for it.
#[derive(Debug, serde::Deserialize)]
pub struct BatchLine {
    #[serde(default)]
    pub key: Option<String>,
    pub payload: Option<String>,
    /// The message's timestamp in ms (`kcat -J`'s `ts`): the reference date
    /// of a story without `published_at`, as in the worker.
    #[serde(default)]
    pub ts: Option<i64>,
}

/// Exit code for a bad configuration or usage (sysexits EX_USAGE).
pub const EXIT_CONFIG: i32 = 64;

/// wirewatch: classify news-wire stories from Kafka into diplomacy,
/// sanctions, procurement and strike events.
#[derive(Debug, Parser)]
#[command(name = "wirewatch", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the Kafka worker until SIGTERM/SIGINT.
    Run {
        /// Config file (TOML); the built-in defaults apply without it.
        #[arg(long, short, env = "WIREWATCH_CONFIG")]
        config: Option<PathBuf>,
    },
    /// Classify payloads offline, without a broker; prints one enriched record
    /// per input as a JSON line, in input order.
    Classify {
        /// Files, each holding one raw payload.
        files: Vec<PathBuf>,
        /// A JSON-lines batch file of {"key", "payload"} objects ("-" for stdin).
        #[arg(long)]
        batch: Option<PathBuf>,
        /// Directory with rules/, gazetteer/ and codes.toml.
        #[arg(long, env = "WIREWATCH_RULES_DIR", default_value = "config")]
        rules_dir: PathBuf,
        /// Payloads larger than this are reported as errors.
        #[arg(long, default_value_t = 1024 * 1024)]
        max_payload_bytes: usize,
        /// Pretty-print each record (not JSON lines).
        #[arg(long)]
        pretty: bool,
    },
    /// Produce a batch file of {"key", "payload"} lines to a topic (feed the
    /// worker, or replay a topic dump).
    Replay {
        /// The batch file ("-" for stdin).
        batch: PathBuf,
        /// Bootstrap servers.
        #[arg(long, env = "WIREWATCH_BROKERS", default_value = "127.0.0.1:9092")]
        brokers: String,
        /// Target topic.
        #[arg(
            long,
            env = "WIREWATCH_INPUT_TOPIC",
            default_value = "wire.stories.raw"
        )]
        topic: String,
    },
    /// Validate a config file and print the effective config, secrets masked.
    CheckConfig {
        #[arg(long, short, env = "WIREWATCH_CONFIG")]
        config: Option<PathBuf>,
    },
}
